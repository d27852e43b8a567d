import { readFile } from 'node:fs/promises';
import { describe, expect, inject, it } from 'vitest';
import { createSentimentReader } from '../../lib/featurize/sentiment-reader';
import { parseSentimentSidecar } from '../../lib/featurize/sentiment-sidecar';
import { float32Tensor, loadOnnxSession, outputFloats } from '../../server/core/onnx-session';
import { sentimentPaths } from '../../server/models/sentiment';
import { useOipHarness } from '../oip/oip-harness';
import { EXACT_X, EXACT_Y } from '../support/linear-fixture';

// What a front sends a ModelWire that is its inference backend: each model's own graph tensors over OIP REST, as
// `npm run models:export-repository` gives them to Triton. Checked against the ONNX graph run here, and the usual input.

const oip = useOipHarness();

async function infer(model: string, body: unknown) {
  const response = await fetch(`${oip().restUrl}/v2/models/${model}/infer`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: await response.json() };
}

describe('a ModelWire as an inference backend: the graphs\' own tensors over OIP', () => {
  it('runs the sentiment graph on featurised text: features FP32 [N, 65544] → probabilities FP32 [N, 2], as onnxruntime does', async () => {
    const paths = sentimentPaths(inject('prebuiltDataDir'));
    const sidecar = parseSentimentSidecar(JSON.parse(await readFile(paths.sidecar, 'utf8')));
    const reader = createSentimentReader(sidecar);
    const texts = ['A joy from start to finish.', 'Broken on arrival, and support never answered.'];
    const features = new Float32Array(texts.length * 65544);
    texts.forEach((text, index) => features.set(reader.prepare(text).features, index * 65544));
    const session = await loadOnnxSession(paths.model);
    const expected = outputFloats(await session.run({ [sidecar.inputName]: float32Tensor(features, [texts.length, 65544]) }), sidecar.outputName);
    await session.release();

    const { status, json } = await infer('sentiment', {
      inputs: [{ name: 'features', datatype: 'FP32', shape: [texts.length, 65544], data: Array.from(features) }],
      outputs: [{ name: 'probabilities' }],
    });
    expect(status).toBe(200);
    expect(json.outputs).toEqual([{ name: 'probabilities', datatype: 'FP32', shape: [texts.length, 2], data: Array.from(expected) }]);
  });

  it('runs a linear graph when its output "prediction" is asked for: features FP32 [N, F] → prediction FP32 [N, 1], per version', async () => {
    await oip().core.train('graph-linear', { X: EXACT_X, y: EXACT_Y });
    await oip().core.train('graph-linear', { X: EXACT_X, y: EXACT_Y.map((y) => -y) });
    const rows = [[1, 0], [2, 3]];
    const asked = (version: string) =>
      infer(`graph-linear/versions/${version}`, { inputs: [{ name: 'features', datatype: 'FP32', shape: [2, 2], data: rows.flat() }], outputs: [{ name: 'prediction' }] });
    const [first, second] = await Promise.all([asked('1'), asked('2')]);
    expect(first.json).toMatchObject({ model_version: '1', outputs: [{ name: 'prediction', datatype: 'FP32', shape: [2, 1] }] });
    expect(first.json.outputs[0].data[0]).toBeCloseTo(3, 4);
    expect(second.json.outputs[0].data[0]).toBeCloseTo(-3, 4);
    const usual = await infer('graph-linear', { inputs: [{ name: 'features', datatype: 'FP64', shape: [2, 2], data: rows.flat() }] });
    expect(usual.json.outputs.map((output: { name: string }) => output.name)).toEqual(['predictions']);
  });
});
