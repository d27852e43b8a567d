import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createInBrowserClient, type InBrowserClient } from '../lib/clients/in-browser';
import { createRestClient } from '../lib/clients/rest-client';
import { decodeForImagenet } from '../server/models/imagenet/decode-image';
import { valueOf } from './support/outcomes';
import { SHARED_IMAGENET_DIR, sharedPhotos, skipWithoutSharedImagenet } from './support/shared-files';
import { useApi } from './support/use-api';

// The in-browser lane under Node: the same featurizer and onnxruntime-web (its WebAssembly backend) as a browser runs,
// with the model files served by the REST adapter's artifact routes. Not a protocol, so not in test/conformance: its
// answers match the server's to a tolerance, not exactly.

const SENTENCES = ['I love machine learning!', 'This was a terrible, boring waste of time.', 'The package arrived on Tuesday.'];

describe('artifact routes and the in-browser sentiment lane', () => {
  const api = useApi();
  let client: InBrowserClient;
  beforeAll(() => {
    client = createInBrowserClient({ apiBaseUrl: api().url });
  });
  afterEach(() => vi.unstubAllGlobals());
  afterAll(() => client.close());

  it('lists the sentiment files with their SHA-256, and serves each with that ETag, answering 304 when unchanged', async () => {
    const listing = await (await fetch(`${api().url}/v1/models/sentiment/artifacts`)).json();
    const descriptor = (await createRestClient(api().url).listModels()).find((model) => model.name === 'sentiment')!;
    expect(listing.model).toEqual({ name: 'sentiment', version: descriptor.version });
    expect(listing.files.map((file: { file: string; role: string }) => [file.file, file.role])).toEqual([['sentiment.onnx', 'model'], ['sentiment.json', 'sidecar']]);
    const onnx = listing.files[0];
    expect(onnx.sha256).toBe(descriptor.sha256);

    const response = await fetch(`${api().url}${onnx.url}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(`"${onnx.sha256}"`);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect((await response.arrayBuffer()).byteLength).toBe(onnx.bytes);
    const again = await fetch(`${api().url}${onnx.url}`, { headers: { 'if-none-match': `"${onnx.sha256}"` } });
    expect(again.status).toBe(304);
  });

  it('answers problem+json for what it cannot serve: unknown model or file, a linear model, a model not installed', async () => {
    const problem = async (route: string) => {
      const response = await fetch(`${api().url}${route}`);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      return { status: response.status, code: ((await response.json()) as { code: string }).code };
    };
    expect(await problem('/v1/models/nope/artifacts')).toEqual({ status: 404, code: 'not_found' });
    expect(await problem('/v1/models/sentiment/artifacts/secrets.txt')).toEqual({ status: 404, code: 'not_found' });
    expect(await problem('/v1/models/mobilenetv2/artifacts')).toEqual({ status: 503, code: 'not_installed' });
    await createRestClient(api().url).train('houses', { X: [[1], [2]], y: [1, 2] });
    expect(await problem('/v1/models/houses/artifacts')).toEqual({ status: 404, code: 'not_found' });
    expect(await problem('/static/onnxruntime-web/package.json')).toEqual({ status: 404, code: 'not_found' });
    expect(await problem('/static/onnxruntime-web/..%2Fpackage.json')).toEqual({ status: 404, code: 'not_found' });
  });

  it("serves onnxruntime-web's runtime files with their media types, for ort.env.wasm.wasmPaths", async () => {
    const dist = path.dirname(createRequire(import.meta.url).resolve('onnxruntime-web'));
    const wasm = await fetch(`${api().url}/static/onnxruntime-web/ort-wasm-simd-threaded.wasm`);
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(Number(wasm.headers.get('content-length'))).toBe((await stat(path.join(dist, 'ort-wasm-simd-threaded.wasm'))).size);
    expect(wasm.headers.get('etag')).toMatch(/^"[0-9a-f]{64}"$/);
    await wasm.body?.cancel();
    const module = await fetch(`${api().url}/static/onnxruntime-web/ort.wasm.min.mjs`);
    expect(module.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await module.text()).toBe(await readFile(path.join(dist, 'ort.wasm.min.mjs'), 'utf8'));
  });

  it('predicts the same label and score (1e-4) as the server over REST, with no network once loaded', async () => {
    const rest = createRestClient(api().url);
    const served = await Promise.all(SENTENCES.map(async (text) => valueOf(await rest.predict('sentiment', { kind: 'text', text }))));
    expect(client.copyAs('sentiment')).toContain(`curl ${api().url}/v1/models/sentiment/artifacts`);
    const report = await client.load('sentiment');
    expect(report.files.map((file) => file.file)).toEqual(['sentiment.onnx', 'sentiment.json']);
    expect(client.copyAs('sentiment')).toContain(`-O ${api().url}/v1/models/sentiment/artifacts/sentiment.onnx`);

    vi.stubGlobal('fetch', () => Promise.reject(new Error('the in-browser lane must not use the network to predict')));
    for (const [i, text] of SENTENCES.entries()) {
      const local = valueOf(await client.predict('sentiment', { kind: 'text', text }));
      const server = served[i]!;
      expect(local.model).toEqual(server.model);
      if (local.output.kind !== 'sentiment' || server.output.kind !== 'sentiment') throw new Error('expected sentiment outputs');
      expect(local.output.label).toBe(server.output.label);
      expect(Math.abs(local.output.score - server.output.score)).toBeLessThan(1e-4);
      expect(Math.abs(local.output.probability - server.output.probability)).toBeLessThan(1e-4);
    }
    const { wire } = await client.predict('sentiment', { kind: 'text', text: 'Great!' });
    expect(wire.request.headers).toContainEqual(['network', 'none']);
    expect(JSON.parse(wire.request.body)[0]).toMatchObject({ name: 'features', dims: [1, 65544], bytes: 65544 * 4 });
  });

  it('answers errors in its own words: checks done in the page, and the HTTP status of a model it could not load', async () => {
    const empty = await client.predict('sentiment', { kind: 'text', text: '  ' });
    expect(empty.ok ? undefined : empty.error).toMatchObject({ code: 'invalid_input', native: 'in-browser check' });
    const image = await client.predict('sentiment', { kind: 'image', image: new Uint8Array([1]) });
    expect(image.ok ? undefined : image.error.code).toBe('invalid_input');
    const unknown = await client.predict('nope', { kind: 'text', text: 'hi' });
    expect(unknown.ok ? undefined : unknown.error).toMatchObject({ code: 'not_found', native: expect.stringMatching(/^HTTP 404 Not Found/) });
    const missing = await client.predict('mobilenetv2', { kind: 'image', image: new Uint8Array([1]) });
    expect(missing.ok ? undefined : missing.error).toMatchObject({ code: 'not_installed', native: expect.stringMatching(/^HTTP 503/) });
    expect((await client.listModels()).map((model) => model.name)).toEqual(['sentiment', 'mobilenetv2']);
  });
});

describe.skipIf(skipWithoutSharedImagenet())('the in-browser ImageNet lane', () => {
  const api = useApi({ modelsDir: SHARED_IMAGENET_DIR });

  it('classifies photos as the server does, given the same pixels (sharp stands in for the canvas under Node)', async () => {
    const client = createInBrowserClient({ apiBaseUrl: api().url, decodeImage: (image) => decodeForImagenet(image, 40_000_000) });
    const rest = createRestClient(api().url);
    for (const photo of sharedPhotos().slice(0, 3)) {
      const image = new Uint8Array(await readFile(photo.path));
      const local = valueOf(await client.predict('mobilenetv2', { kind: 'image', image }, { topK: 3 }));
      const served = valueOf(await rest.predict('mobilenetv2', { kind: 'image', image }, { topK: 3 }));
      if (local.output.kind !== 'classification' || served.output.kind !== 'classification') throw new Error('expected classifications');
      expect(local.model).toEqual(served.model);
      expect(local.output.labels.map((label) => label.classIndex)).toEqual(served.output.labels.map((label) => label.classIndex));
      const servedLabels = served.output.labels;
      local.output.labels.forEach((label, k) => expect(Math.abs(label.probability - servedLabels[k]!.probability)).toBeLessThan(1e-3));
    }
    client.close();
  });
});
