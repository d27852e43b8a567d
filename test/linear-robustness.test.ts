import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXACT_X as X, EXACT_Y as y } from './support/linear-fixture';
import { postJson, startApi, type RunningApi } from './support/start-api';

const post = (url: string, body: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
const sendRaw = async (url: string, body: string) => {
  const response = await post(url, body);
  return { status: response.status, json: await response.json() };
};

/** n rows of `width` small pseudo-random integers: cheap to send, costly to fit. */
function randomRows(n: number, width: number): number[][] {
  let seed = 7;
  const next = () => (seed = (seed * 48_271) % 2_147_483_647) % 19;
  return Array.from({ length: n }, () => Array.from({ length: width }, next));
}

describe('linear regression survives bad data, bad disks and heavy training', () => {
  let api: RunningApi | undefined;
  const start = async (options: Parameters<typeof startApi>[0] = {}) => (api = await startApi(options));
  const restart = async () => {
    await api!.close();
    return start({ dataDir: api!.dataDir });
  };
  const linear = (...parts: string[]) => path.join(api!.dataDir, 'linear', ...parts);
  afterEach(async () => {
    vi.restoreAllMocks();
    await api?.close({ removeData: true });
    api = undefined;
  });

  it('refuses y = ±1e200 with invalid_input, writes nothing, and restarts', async () => {
    await start();
    const trained = await postJson(`${api!.url}/v1/models/bigy/train`, { X: [[1], [2], [3]], y: [1e200, -1e200, 5e199] });
    expect(trained.status).toBe(400);
    expect(trained.json.code).toBe('invalid_input');
    expect(existsSync(linear('bigy'))).toBe(false);
    await restart();
    expect((await fetch(`${api!.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${api!.url}/v1/models/bigy`)).status).toBe(404);
  });

  it('starts on a DATA_DIR with stray and unreadable entries, warns about each, and serves the rest', async () => {
    await start();
    expect((await postJson(`${api!.url}/v1/models/good/train`, { X, y })).status).toBe(200);
    const plant = async (relative: string, content?: string) => {
      await mkdir(path.dirname(linear(relative)), { recursive: true });
      if (content === undefined) await mkdir(linear(relative), { recursive: true });
      else await writeFile(linear(relative), content);
    };
    await plant('.DS_Store', '\x00\x00\x00\x01Bud1');
    await plant('empty/1/model.json', '');
    await plant('braces/1/model.json', '{}');
    await plant('garbage/1/model.json', 'not json at all');
    await plant('nojson/1');
    await plant('bricked/1/model.json', JSON.stringify({ name: 'bricked', version: 1, featureCount: 1, coefficients: [0], intercept: 0, r2: null }));
    await plant('good/2/model.json', '{}');

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await restart();
    const warned = warn.mock.calls.map((call) => String(call[0]));
    for (const entry of ['.DS_Store', 'empty/1', 'braces/1', 'garbage/1', 'nojson/1', 'bricked/1', 'good/2']) {
      expect(warned.some((message) => message.includes(linear(entry)))).toBe(true);
    }
    const models = (await (await fetch(`${api!.url}/v1/models`)).json()).models.map((model: { name: string }) => model.name);
    expect(models).toContain('good');
    for (const unreadable of ['empty', 'braces', 'garbage', 'nojson', 'bricked']) expect(models).not.toContain(unreadable);
    const predicted = await postJson(`${api!.url}/v1/models/good/predict`, { features: [[0, 0]] });
    expect(predicted.json.output.values[0]).toBeCloseTo(1, 4);
    expect((await postJson(`${api!.url}/v1/models/good/train`, { X, y })).json.model.version).toBe(3);
  });

  it('refuses 50k levels of nesting (within the JSON budget, so the validator sees them) and 1e308 features with invalid_input', async () => {
    await start();
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    const train = await sendRaw(`${api!.url}/v1/models/deep/train`, `{"X":${deep},"y":[1]}`);
    expect([train.status, train.json.code]).toEqual([400, 'invalid_input']);
    const rowDeep = await sendRaw(`${api!.url}/v1/models/deep/train`, `{"X":[[1],${deep}],"y":[1,2]}`);
    expect([rowDeep.status, rowDeep.json.code]).toEqual([400, 'invalid_input']);

    await postJson(`${api!.url}/v1/models/exact/train`, { X, y });
    const features = await sendRaw(`${api!.url}/v1/models/exact/predict`, `{"features":[[1,2],${deep}]}`);
    expect([features.status, features.json.code]).toEqual([400, 'invalid_input']);
    const huge = await postJson(`${api!.url}/v1/models/exact/predict`, { features: [[1e308, 1]] });
    expect([huge.status, huge.json.code]).toEqual([400, 'invalid_input']);
    const steep = await postJson(`${api!.url}/v1/models/exact/predict`, { features: [[1, 1], [3e38, -3e38]] });
    expect([steep.status, steep.json.code]).toEqual([400, 'invalid_input']);
    expect(steep.json.detail).toContain('features[1]');
  });

  it('answers overloaded at once past concurrency + queue, and runs the rest', async () => {
    await start({ env: { TRAINING_CONCURRENCY: '1', TRAINING_QUEUE: '2' } });
    const body = JSON.stringify({ X: randomRows(100, 512), y: randomRows(100, 1).flat(), ridge: 1 });
    const answers = await Promise.all(Array.from({ length: 12 }, () => sendRaw(`${api!.url}/v1/models/busy/train`, body)));
    const overloaded = answers.filter((answer) => answer.json.code === 'overloaded');
    const trained = answers.filter((answer) => answer.status === 200);
    expect(overloaded.length).toBeGreaterThan(0);
    expect(overloaded[0]!.json.detail).toBe('training queue full (2 waiting); retry shortly.');
    expect(trained.length).toBeGreaterThanOrEqual(3);
    expect(overloaded.length + trained.length).toBe(12);
    const versions = trained.map((answer) => answer.json.model.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: trained.length }, (_, i) => i + 1));
  });

  it('answers /healthz while a 1M-value training fits on its thread', async () => {
    await start();
    const body = JSON.stringify({ X: randomRows(1_953, 512), y: randomRows(1_953, 1).flat() });
    const handedToThread = vi.spyOn(Worker.prototype, 'postMessage');
    let trainingDone = false;
    const training = sendRaw(`${api!.url}/v1/models/large/train`, body).finally(() => (trainingDone = true));
    while (handedToThread.mock.calls.length === 0 && !trainingDone) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(handedToThread).toHaveBeenCalled();
    const health = await fetch(`${api!.url}/healthz`);
    expect(health.status).toBe(200);
    expect(trainingDone).toBe(false);
    expect((await training).status).toBe(200);
  });

  it('keeps the newest 20 versions of a model', async () => {
    await start();
    for (let i = 1; i <= 25; i++) expect((await postJson(`${api!.url}/v1/models/kept/train`, { X, y: y.map((v) => v + i) })).status).toBe(200);
    const newest = Array.from({ length: 20 }, (_, i) => i + 6);
    expect((await (await fetch(`${api!.url}/v1/models/kept`)).json()).versions).toEqual(newest);
    expect((await readdir(linear('kept'))).map(Number).sort((a, b) => a - b)).toEqual(newest);
    await restart();
    expect((await (await fetch(`${api!.url}/v1/models/kept`)).json()).versions).toEqual(newest);
  });
});
