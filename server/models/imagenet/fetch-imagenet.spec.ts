import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { float32Tensor, loadOnnxSession, outputFloats } from '../../core/onnx-session';
import { fetchImagenetModel, type FileProgress } from './fetch-imagenet';
import { IMAGENET_LABELS, IMAGENET_MODEL } from './imagenet-files';
import { sha256OfFile } from './verify-imagenet';

const sharedDir = path.resolve(import.meta.dirname, '../../../../shared/models/imagenet');
const hasShared = [IMAGENET_MODEL, IMAGENET_LABELS].every((file) => existsSync(path.join(sharedDir, file.fileName)));
if (!hasShared) console.warn(`skipping ImageNet download tests: reference files not found in ${sharedDir}`);

let tempDirs: string[] = [];
async function emptyModelsDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'modelwire-fetch-'));
  tempDirs.push(dir);
  return path.join(dir, 'models'); // not created yet: fetch must create it
}
const listing = async (dir: string) => (existsSync(dir) ? (await fs.readdir(dir)).sort() : []);
afterEach(async () => {
  await Promise.all(tempDirs.map((dir) => fs.rm(dir, { recursive: true, force: true })));
  tempDirs = [];
});

/** A port nothing listens on: bind one, then close it. */
async function closedPort(): Promise<number> {
  const server = http.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

it('says it could not reach the host when nothing answers', async () => {
  const modelsDir = await emptyModelsDir();
  const baseUrl = `http://127.0.0.1:${await closedPort()}/`;
  await expect(fetchImagenetModel({ modelsDir, baseUrl })).rejects.toThrow(/could not reach 127\.0\.0\.1:\d+ .*are you offline\?.*MODELS_BASE_URL/);
  expect(await listing(modelsDir)).toEqual([]);
});

const VARIANTS = ['good', 'moved', 'chunked', 'truncated', 'corrupt', 'stalled'];

describe.skipIf(!hasShared)('fetchImagenetModel against a local mirror', () => {
  let server: http.Server;
  let origin = '';

  beforeAll(async () => {
    const real = (name: string) => readFileSync(path.join(sharedDir, name));
    const model = real(IMAGENET_MODEL.fileName);
    const corrupt = Buffer.from(model);
    corrupt.fill(0, 1000, 2000);
    server = http.createServer((request, response) => {
      const [, variant = '', name = ''] = request.url?.split('/') ?? [];
      if (variant === 'moved') return response.writeHead(302, { location: `/good/${name}` }).end();
      const known = name === IMAGENET_MODEL.fileName || name === IMAGENET_LABELS.fileName;
      if (!known || !VARIANTS.includes(variant)) return response.writeHead(404).end();
      const body = name === IMAGENET_MODEL.fileName && variant === 'corrupt' ? corrupt : real(name);
      if (name === IMAGENET_MODEL.fileName && variant === 'truncated') {
        response.writeHead(200, { 'content-length': body.length }); // promises the whole file, sends half
        return response.write(body.subarray(0, body.length / 2), () => response.destroy());
      }
      if (name === IMAGENET_MODEL.fileName && variant === 'stalled') {
        response.writeHead(200, { 'content-length': body.length });
        return response.write(body.subarray(0, 1000));
      }
      if (variant === 'chunked') return response.writeHead(200).end(body); // no Content-Length
      response.writeHead(200, { 'content-length': body.length }).end(body);
    });
    server.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('downloads, verifies and installs a model that runs', async () => {
    const modelsDir = await emptyModelsDir();
    const events: FileProgress[] = [];
    const summary = await fetchImagenetModel({ modelsDir, baseUrl: `${origin}/moved`, onProgress: (event) => events.push(event) });

    expect(summary.alreadyPresent).toBe(false);
    expect(summary.verification.model.sha256).toBe(IMAGENET_MODEL.sha256);
    expect(summary.verification.labels).toMatchObject({ sha256: IMAGENET_LABELS.sha256, count: 1000 });
    expect(summary.verification.input).toEqual({ name: 'input', shape: ['batch_size', 3, 224, 224] });
    expect(summary.downloadedBytes).toBe(IMAGENET_MODEL.approxBytes + IMAGENET_LABELS.approxBytes);
    expect(await listing(modelsDir)).toEqual([IMAGENET_LABELS.fileName, IMAGENET_MODEL.fileName].sort());

    const modelEvents = events.filter((event) => event.fileName === IMAGENET_MODEL.fileName).map((event) => event.receivedBytes);
    expect(modelEvents.length).toBeGreaterThan(2);
    expect(modelEvents.every((bytes, index) => index === 0 || bytes > modelEvents[index - 1]!)).toBe(true);
    expect(events.at(-1)).toMatchObject({ receivedBytes: IMAGENET_MODEL.approxBytes, totalBytes: IMAGENET_MODEL.approxBytes, totalIsExact: true });

    const session = await loadOnnxSession(summary.verification.model.path);
    const outputs = await session.run({ input: float32Tensor(new Float32Array(3 * 224 * 224), [1, 3, 224, 224]) });
    expect(outputFloats(outputs, 'output')).toHaveLength(1000);
    await session.release();
  });

  it('downloads without a Content-Length, then leaves valid files alone without touching the network', async () => {
    const modelsDir = await emptyModelsDir();
    const events: FileProgress[] = [];
    await fetchImagenetModel({ modelsDir, baseUrl: `${origin}/chunked`, onProgress: (event) => events.push(event) });
    expect(events).toContainEqual(expect.objectContaining({ totalBytes: IMAGENET_MODEL.approxBytes, totalIsExact: false }));
    const again = await fetchImagenetModel({ modelsDir, baseUrl: `http://127.0.0.1:${await closedPort()}/` });
    expect(again).toMatchObject({ alreadyPresent: true, downloadedBytes: 0 });
  });

  it('rejects a truncated download and leaves nothing behind', async () => {
    const modelsDir = await emptyModelsDir();
    const attempt = fetchImagenetModel({ modelsDir, baseUrl: `${origin}/truncated/` });
    await expect(attempt).rejects.toThrow(new RegExp(`${IMAGENET_MODEL.fileName}: download of .* (was cut off|is truncated)`));
    expect(await listing(modelsDir)).toEqual([]);
  });

  it('refuses a file whose SHA-256 is wrong and leaves nothing behind', async () => {
    const modelsDir = await emptyModelsDir();
    const attempt = fetchImagenetModel({ modelsDir, baseUrl: `${origin}/corrupt/` });
    await expect(attempt).rejects.toThrow(new RegExp(`${IMAGENET_MODEL.fileName} .*wrong SHA-256: expected ${IMAGENET_MODEL.sha256}, got [0-9a-f]{64}`));
    expect(await listing(modelsDir)).toEqual([]);
  });

  it('keeps a good model when a forced re-download fails', async () => {
    const modelsDir = await emptyModelsDir();
    const { verification } = await fetchImagenetModel({ modelsDir, baseUrl: `${origin}/good/` });
    for (const variant of ['truncated', 'corrupt', 'missing']) {
      await expect(fetchImagenetModel({ modelsDir, baseUrl: `${origin}/${variant}/`, force: true })).rejects.toThrow();
    }
    expect(await listing(modelsDir)).toEqual([IMAGENET_LABELS.fileName, IMAGENET_MODEL.fileName].sort());
    expect(await sha256OfFile(verification.model.path)).toBe(IMAGENET_MODEL.sha256);
  });

  it('names the status and URL of an HTTP error', async () => {
    const modelsDir = await emptyModelsDir();
    await expect(fetchImagenetModel({ modelsDir, baseUrl: `${origin}/missing/x/` })).rejects.toThrow(/HTTP 404 Not Found from http:\/\/127\.0\.0\.1:\d+\/missing\/x\//);
  });

  it('gives up when the server stops sending data', async () => {
    const modelsDir = await emptyModelsDir();
    const attempt = fetchImagenetModel({ modelsDir, baseUrl: `${origin}/stalled/`, idleTimeoutMs: 300 });
    await expect(attempt).rejects.toThrow(/no data from 127\.0\.0\.1:\d+ for 0\.3 s/);
    expect(await listing(modelsDir)).toEqual([]);
  });
});
