import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ort from 'onnxruntime-node';
import path from 'node:path';
import { postJson, startApi, type RunningApi } from './support/start-api';
import { EXACT_X as X, EXACT_Y as y, exactTarget } from './support/linear-fixture';

const probe = [
  [10, 20],
  [-3.5, 0.25],
];
const expected = probe.map(exactTarget);

describe('linear regression over REST, exported to ONNX', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close({ removeData: true }));

  it('recovers y = 2·x1 − 3·x2 + 1 and predicts it to 1e-4 through onnxruntime', async () => {
    const trained = await postJson(`${api.url}/v1/models/exact/train`, { X, y });
    expect(trained.status).toBe(200);
    expect(trained.json.model).toEqual({ name: 'exact', version: 1 });
    expect(trained.json.coefficients[0]).toBeCloseTo(2, 6);
    expect(trained.json.coefficients[1]).toBeCloseTo(-3, 6);
    expect(trained.json.intercept).toBeCloseTo(1, 6);
    expect(trained.json.r2).toBeCloseTo(1, 9);

    const predicted = await postJson(`${api.url}/v1/models/exact/predict`, { features: probe });
    expect(predicted.status).toBe(200);
    expect(predicted.json.model).toEqual({ name: 'exact', version: 1 });
    expect(predicted.json.timing.serverMs).toBeGreaterThan(0);
    predicted.json.output.values.forEach((value: number, i: number) => expect(Math.abs(value - expected[i]!)).toBeLessThan(1e-4));

    // The saved file alone, run by onnxruntime with no ModelWire code in between.
    const session = await ort.InferenceSession.create(path.join(api.dataDir, 'linear/exact/1/model.onnx'));
    const direct = await session.run({ features: new ort.Tensor('float32', Float32Array.from(probe.flat()), [2, 2]) });
    Array.from(direct.prediction!.data as Float32Array).forEach((value, i) => expect(Math.abs(value - expected[i]!)).toBeLessThan(1e-4));
  });

  it('saves each training as a new version and serves any version', async () => {
    const second = await postJson(`${api.url}/v1/models/exact/train`, { X, y: y.map((v) => v + 10) });
    expect(second.json.model.version).toBe(2);
    const latest = await postJson(`${api.url}/v1/models/exact/predict`, { features: [0, 0] });
    expect(latest.json.output.values[0]).toBeCloseTo(11, 4);
    const first = await postJson(`${api.url}/v1/models/exact/predict`, { features: [0, 0], version: 1 });
    expect(first.json.output.values[0]).toBeCloseTo(1, 4);
    const described = await (await fetch(`${api.url}/v1/models/exact`)).json();
    expect(described).toMatchObject({ kind: 'linear-regression', version: 2, versions: [1, 2], featureCount: 2, status: 'ready' });
  });

  it('ridge shrinks the coefficients', async () => {
    const ridged = await postJson(`${api.url}/v1/models/ridged/train`, { X, y, ridge: 50 });
    expect(ridged.status).toBe(200);
    expect(Math.abs(ridged.json.coefficients[0])).toBeLessThan(2);
    expect(ridged.json.r2).toBeLessThan(1);
  });

  it('gives the same answers after a restart on the same DATA_DIR', async () => {
    const before = await postJson(`${api.url}/v1/models/exact/predict`, { features: probe, version: 1 });
    await api.close();
    api = await startApi({ dataDir: api.dataDir });
    const after = await postJson(`${api.url}/v1/models/exact/predict`, { features: probe, version: 1 });
    expect(after.status).toBe(200);
    expect(after.json.output.values).toEqual(before.json.output.values);
    const models = await (await fetch(`${api.url}/v1/models`)).json();
    expect(models.models.map((m: { name: string }) => m.name)).toEqual(expect.arrayContaining(['sentiment', 'mobilenetv2', 'exact', 'ridged']));
  });

  it('answers the seed deck\'s /train and /predict as written', async () => {
    const before = await postJson(`${api.url}/predict`, { X: [[1, 2]] });
    expect(before.status).toBe(404);
    expect(before.contentType).toContain('application/problem+json');
    expect(before.json.detail).toMatch(/has not been trained yet.*POST \/train/);

    const trained = await postJson(`${api.url}/train`, { X, y });
    expect(trained.status).toBe(200);
    expect(trained.json.message).toBe('Model trained successfully');
    const predicted = await postJson(`${api.url}/predict`, { X: probe });
    expect(predicted.status).toBe(200);
    expect(Object.keys(predicted.json)).toEqual(['predictions']);
    predicted.json.predictions.forEach((value: number, i: number) => expect(value).toBeCloseTo(expected[i]!, 3));
  });

  it('refuses rows of the wrong width, training data that cannot be fitted and built-in names', async () => {
    const wrongWidth = await postJson(`${api.url}/v1/models/exact/predict`, { features: [[1, 2, 3]] });
    expect(wrongWidth.status).toBe(400);
    expect(wrongWidth.json.detail).toMatch(/takes 2 features per row; got 3/);
    const collinear = await postJson(`${api.url}/v1/models/bad/train`, { X: [[1, 2], [2, 4], [3, 6]], y: [1, 2, 3] });
    expect(collinear.status).toBe(400);
    expect(collinear.json.detail).toMatch(/linearly dependent/);
    const ragged = await postJson(`${api.url}/v1/models/bad/train`, { X: [[1, 2], [3]], y: [1, 2] });
    expect(ragged.status).toBe(400);
    const mismatched = await postJson(`${api.url}/v1/models/bad/train`, { X: [[1], [2]], y: [1] });
    expect(mismatched.status).toBe(400);
    const builtin = await postJson(`${api.url}/v1/models/sentiment/train`, { X, y });
    expect(builtin.status).toBe(400);
    expect(builtin.json.code).toBe('invalid_input');
  });
});
