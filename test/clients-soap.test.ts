import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallOutcome, ProtocolClient } from '../lib/clients/protocol-client';
import { createRestClient } from '../lib/clients/rest-client';
import { createSoapClient } from '../lib/clients/soap-client';
import type { PredictionResult } from '../lib/contract';
import { hasSharedImagenet, SHARED_IMAGENET_DIR, sharedPhotos, skipReasonWithoutShared } from './support/shared-files';
import { makeTempDir, startApi, type RunningApi } from './support/start-api';

// The browser's SOAP client (hand-built envelopes over fetch, answers read with the tiny XML reader under Node)
// against the real server, checked against the REST client's answers for the same calls.

const SENTENCES = ['I love machine learning!', 'This was a terrible, boring waste of time.', 'The package arrived on Tuesday.'];

function valueOf<T>(outcome: CallOutcome<T>): T {
  if (!outcome.ok) throw new Error(`expected success, got ${outcome.error.native}: ${outcome.error.message}`);
  return outcome.value;
}

const withoutTiming = ({ model, output }: PredictionResult) => ({ model, output });

describe('createSoapClient against the API server', () => {
  let api: RunningApi;
  let soap: ProtocolClient;
  let rest: ProtocolClient;
  beforeAll(async () => {
    api = await startApi();
    soap = createSoapClient(api.url);
    rest = createRestClient(api.url);
  });
  afterAll(() => api.close({ removeData: true }));

  it('lists the same models as REST, field for field', async () => {
    expect(await soap.listModels()).toEqual(await rest.listModels());
  });

  it('predicts sentiment exactly as REST does, and shows the envelope and SOAPAction it sent', async () => {
    for (const text of SENTENCES) {
      const [overSoap, overRest] = [await soap.predict('sentiment', { kind: 'text', text }), await rest.predict('sentiment', { kind: 'text', text })];
      expect(withoutTiming(valueOf(overSoap))).toEqual(withoutTiming(valueOf(overRest)));
      expect(valueOf(overSoap).timing.serverMs).toBeGreaterThan(0);
    }
    const outcome = await soap.predict('sentiment', { kind: 'text', text: 'Fish & chips <3' });
    expect(outcome.wire.request.headers).toContainEqual(['SOAPAction', '"https://modelwire.dev/soap/v1/Predict"']);
    expect(outcome.wire.request.body).toContain('<mw:text>Fish &amp; chips &lt;3</mw:text>');
    expect(outcome.wire.response.summary).toBe('HTTP/1.1 200 OK');
    expect(outcome.wire.response.body).toMatch(/\n\s+<mw:sentiment>/);
    expect(outcome.wire.response.bytes).toBeGreaterThan(200);
  });

  it('trains a linear model and predicts with it, as REST answers', async () => {
    const X = [[0, 0], [1, 0], [0, 1], [2, 3], [-1, 4]];
    const trained = valueOf(await soap.train('soap-client', { X, y: X.map(([a, b]) => 2 * a! - 3 * b! + 1), ridge: 0 }));
    expect(trained).toMatchObject({ model: { name: 'soap-client', version: 1 }, samples: 5, featureCount: 2 });
    expect(trained.coefficients[0]).toBeCloseTo(2, 6);
    expect(trained.coefficients[1]).toBeCloseTo(-3, 6);
    const rows = [[10, 20], [-3.5, 0.25]];
    const [overSoap, overRest] = [await soap.predict('soap-client', { kind: 'features', rows }), await rest.predict('soap-client', { kind: 'features', rows })];
    expect(withoutTiming(valueOf(overSoap))).toEqual(withoutTiming(valueOf(overRest)));
  });

  it('answers Faults in SOAP words: soap:Client + faultstring as native, the contract code from detail', async () => {
    const unknown = await soap.predict('no-such-model', { kind: 'text', text: 'hello' });
    expect(unknown.ok).toBe(false);
    if (unknown.ok) return;
    expect(unknown.error.code).toBe('not_found');
    expect(unknown.error.native).toMatch(/^soap:Client: .*no-such-model/);
    expect(unknown.wire.response.summary).toBe('HTTP/1.1 500 Internal Server Error');

    const empty = await soap.predict('sentiment', { kind: 'text', text: '' });
    expect(empty.ok ? undefined : empty.error).toMatchObject({ code: 'invalid_input', native: expect.stringMatching(/^soap:Client: "text" is empty/) });

    const missing = await soap.predict('mobilenetv2', { kind: 'image', image: new Uint8Array([1, 2, 3]) });
    expect(missing.ok).toBe(false);
    if (missing.ok) return;
    expect(missing.error).toMatchObject({ code: 'not_installed', details: { installCommand: 'npm run models:fetch' } });
    expect(missing.error.native).toMatch(/^soap:Server: /);
  });

  it('copyAs gives a curl command that really works', async () => {
    const command = soap.copyAs('sentiment', { kind: 'text', text: "It's great" });
    expect(command).toContain(`-H 'SOAPAction: "https://modelwire.dev/soap/v1/Predict"'`);
    const { stdout } = await promisify(execFile)('bash', ['-c', `${command} -s`]);
    expect(stdout).toContain('<mw:label>positive</mw:label>');
  });
});

describe.skipIf(!hasSharedImagenet)('createSoapClient with the ImageNet model', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi({ modelsDir: SHARED_IMAGENET_DIR });
  });
  afterAll(() => api.close({ removeData: true }));

  it('classifies a photo as REST does, and its copy-as command sends the photo through a here-document', async () => {
    const photo = sharedPhotos()[0]!;
    const image = new Uint8Array(await readFile(photo.path));
    const [overSoap, overRest] = [await createSoapClient(api.url).predict('mobilenetv2', { kind: 'image', image }, { topK: 3 }), await createRestClient(api.url).predict('mobilenetv2', { kind: 'image', image }, { topK: 3 })];
    expect(withoutTiming(valueOf(overSoap))).toEqual(withoutTiming(valueOf(overRest)));

    const dir = await makeTempDir('soap-copy');
    const command = createSoapClient(api.url).copyAs('mobilenetv2', { kind: 'image', image }, { topK: 3 });
    await promisify(execFile)('cp', [photo.path, path.join(dir, 'photo.jpg')]);
    const { stdout } = await promisify(execFile)('bash', ['-c', command.replace('curl ', 'curl -s ')], { cwd: dir });
    const { output } = valueOf(overRest);
    if (output.kind !== 'classification') throw new Error('expected a classification');
    expect(stdout).toContain(`<mw:label>${output.labels[0]!.label}</mw:label>`);
  });
});

if (!hasSharedImagenet) skipReasonWithoutShared('the SOAP client image test');
