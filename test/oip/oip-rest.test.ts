import { describe, expect, it } from 'vitest';
import { MAX_BATCH_ITEMS } from '../../server/protocols/oip/model-inference';
import { EXACT_X, EXACT_Y, exactTarget } from '../support/linear-fixture';
import { useOipHarness } from './oip-harness';

// The Open Inference Protocol's REST API as a plain HTTP client (curl) sees it: JSON in, JSON out.

const oip = useOipHarness();

async function call(method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await fetch(`${oip().restUrl}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { status: response.status, json: await response.json() };
}

const infer = (model: string, body: unknown) => call('POST', `/v2/models/${model}/infer`, body);

const textTensor = (texts: string[]) => ({ name: 'text', datatype: 'BYTES', shape: [texts.length], data: texts });

describe('OIP REST: health and metadata', () => {
  it('is live, and ready while it takes calls (a model that is not installed does not hold readiness back)', async () => {
    expect(await call('GET', '/v2/health/live')).toEqual({ status: 200, json: { live: true } });
    const ready = await call('GET', '/v2/health/ready');
    expect(ready).toEqual({ status: 200, json: { ready: true } });
  });

  it('names the server, its version and extensions', async () => {
    const { status, json } = await call('GET', '/v2');
    expect(status).toBe(200);
    expect(json).toEqual({ name: 'modelwire', version: expect.stringMatching(/^\d+\.\d+\.\d+/), extensions: ['parameters'] });
  });

  it('describes the sentiment model\'s tensors, with and without a version in the path', async () => {
    const expected = {
      name: 'sentiment',
      versions: [expect.any(String)],
      platform: 'onnxruntime_onnx',
      // Text, or the graph's own featurised input and output (what an inference backend is sent and answers).
      inputs: [
        { name: 'text', datatype: 'BYTES', shape: [-1] },
        { name: 'features', datatype: 'FP32', shape: [-1, 65544] },
      ],
      outputs: [
        { name: 'label', datatype: 'BYTES', shape: [-1] },
        { name: 'score', datatype: 'FP32', shape: [-1] },
        { name: 'probability', datatype: 'FP32', shape: [-1] },
        { name: 'probabilities', datatype: 'FP32', shape: [-1, 2] },
      ],
    };
    const latest = await call('GET', '/v2/models/sentiment');
    expect(latest).toEqual({ status: 200, json: expected });
    const version = latest.json.versions[0];
    expect(await call('GET', `/v2/models/sentiment/versions/${version}`)).toEqual({ status: 200, json: expected });
    expect(await call('GET', `/v2/models/sentiment/versions/${version}/ready`)).toEqual({ status: 200, json: { name: 'sentiment', ready: true } });
  });

  it('describes mobilenetv2 with its encoded-image input and its own graph tensors', async () => {
    const { json } = await call('GET', '/v2/models/mobilenetv2');
    expect(json.inputs).toEqual([
      { name: 'image', datatype: 'BYTES', shape: [-1] },
      { name: 'input', datatype: 'FP32', shape: [-1, 3, 224, 224] },
    ]);
    expect(json.outputs).toEqual([
      { name: 'labels', datatype: 'BYTES', shape: [-1, -1] },
      { name: 'probabilities', datatype: 'FP32', shape: [-1, -1] },
      { name: 'output', datatype: 'FP32', shape: [-1, 1000] },
    ]);
  });
});

describe('OIP REST: inference', () => {
  it('scores N sentences as N labels, scores and probabilities, echoing the id', async () => {
    const { status, json } = await infer('sentiment', { id: 'req-42', inputs: [textTensor(['I love machine learning!', 'This is terrible and I hate it.'])] });
    expect(status).toBe(200);
    expect(json).toMatchObject({ model_name: 'sentiment', model_version: expect.any(String), id: 'req-42' });
    const [label, score, probability] = json.outputs;
    expect(label).toEqual({ name: 'label', datatype: 'BYTES', shape: [2], data: ['positive', 'negative'] });
    expect(score).toMatchObject({ name: 'score', datatype: 'FP32', shape: [2] });
    expect(score.data[0]).toBeGreaterThan(0);
    expect(score.data[1]).toBeLessThan(0);
    expect(probability.data.every((value: number) => value > 0.5 && value <= 1)).toBe(true);
  });

  it('answers only the outputs asked for, in their order, and leaves out an id never sent', async () => {
    const { json } = await infer('sentiment', { inputs: [textTensor(['Great!'])], outputs: [{ name: 'probability' }, { name: 'label' }] });
    expect(json.outputs.map((output: { name: string }) => output.name)).toEqual(['probability', 'label']);
    expect(json).not.toHaveProperty('id');
  });

  it('trains a linear model through the core, then predicts [N, F] features (FP64 and FP32, nested or flat)', async () => {
    await oip().core.train('oip-linear', { X: EXACT_X, y: EXACT_Y });
    const rows = [
      [3, 2],
      [-2, 0.5],
    ];
    const expected = rows.map(exactTarget);
    const nested = await infer('oip-linear', { inputs: [{ name: 'features', datatype: 'FP64', shape: [2, 2], data: rows }] });
    expect(nested.status).toBe(200);
    expect(nested.json.outputs).toHaveLength(1);
    expect(nested.json.outputs[0]).toMatchObject({ name: 'predictions', datatype: 'FP64', shape: [2] });
    nested.json.outputs[0].data.forEach((value: number, index: number) => expect(value).toBeCloseTo(expected[index]!, 6));
    const flat = await infer('oip-linear', { inputs: [{ name: 'features', datatype: 'FP32', shape: [2, 2], data: rows.flat() }] });
    expect(flat.json.outputs[0].data).toEqual(nested.json.outputs[0].data);
    expect((await call('GET', '/v2/models/oip-linear')).json.inputs).toEqual([{ name: 'features', datatype: 'FP64', shape: [-1, 2] }]);
  });
});

describe('OIP REST: errors as {"error"} with an HTTP status', () => {
  const expectError = (answer: { status: number; json: any }, status: number, code: string) => {
    expect(answer.status).toBe(status);
    expect(answer.json).toEqual({ error: expect.any(String), code });
    expect(answer.json.error.length).toBeGreaterThan(5);
  };

  it('404 for an unknown model, on metadata, readiness and inference', async () => {
    expectError(await call('GET', '/v2/models/no-such-model'), 404, 'not_found');
    expectError(await call('GET', '/v2/models/no-such-model/ready'), 404, 'not_found');
    expectError(await infer('no-such-model', { inputs: [textTensor(['hi'])] }), 404, 'not_found');
  });

  it('404 for a version the model does not have', async () => {
    expectError(await call('GET', '/v2/models/sentiment/versions/999'), 404, 'not_found');
    expectError(await call('POST', '/v2/models/sentiment/versions/abc/infer', { inputs: [textTensor(['hi'])] }), 404, 'not_found');
  });

  it('400 for a wrong datatype, a wrong shape, a wrong element count, a wrong input name or a batch of none or too many', async () => {
    expectError(await infer('sentiment', { inputs: [{ name: 'text', datatype: 'FP32', shape: [1], data: [1] }] }), 400, 'invalid_input');
    expectError(await infer('sentiment', { inputs: [{ name: 'text', datatype: 'BYTES', shape: [1, 1], data: ['hi'] }] }), 400, 'invalid_input');
    expectError(await infer('sentiment', { inputs: [{ name: 'text', datatype: 'BYTES', shape: [2], data: ['hi'] }] }), 400, 'invalid_input');
    expectError(await infer('sentiment', { inputs: [{ name: 'sentence', datatype: 'BYTES', shape: [1], data: ['hi'] }] }), 400, 'invalid_input');
    expectError(await infer('sentiment', { inputs: [{ name: 'text', datatype: 'STRING', shape: [1], data: ['hi'] }] }), 400, 'invalid_input');
    expectError(await infer('sentiment', { inputs: [textTensor([])] }), 400, 'invalid_input');
    expectError(await infer('sentiment', { inputs: [textTensor(new Array<string>(MAX_BATCH_ITEMS + 1).fill('hi'))] }), 400, 'invalid_input');
  });

  it('400 for a body that is not an inference request, or asks for an output the model lacks', async () => {
    expectError(await infer('sentiment', { inputs: 'hi' }), 400, 'invalid_input');
    expectError(await infer('sentiment', { inputs: [textTensor(['hi'])], outputs: [{ name: 'logits' }] }), 400, 'invalid_input');
    const malformed = await fetch(`${oip().restUrl}/v2/models/sentiment/infer`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"inputs": [' });
    expectError({ status: malformed.status, json: await malformed.json() }, 400, 'invalid_input');
  });
});
