import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PredictionInput, PredictionOutput } from '../../../lib/contract';
import { parseSentimentSidecar } from '../../../lib/featurize/sentiment-sidecar';
import { SENTIMENT_FEATURE_SIZE, createSentimentFeaturizer } from '../../../lib/featurize/text';
import { ModelWireError } from '../../../lib/model-wire-error';
import type { InferenceBackend } from '../../backends/inference-backend';
import type { ServedModel } from '../../core/served-model';
import { createSentimentModel, sentimentPaths } from './index';
import { buildTemporarySentimentModel, type TemporarySentimentModel } from './temporary-model';

let dataDir: string;
let model: ServedModel;
let built: TemporarySentimentModel;

beforeAll(async () => {
  built = await buildTemporarySentimentModel();
  ({ dataDir, model } = built);
});
afterAll(() => built.remove());

const sentimentOf = async (text: string) => {
  const answer = await model.predict({ kind: 'text', text }, {});
  if (answer.output.kind !== 'sentiment') throw new Error(`unexpected output ${answer.output.kind}`);
  return answer.output;
};

async function expectInvalidInput(input: PredictionInput, message: RegExp) {
  const error = await model.predict(input, {}).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ModelWireError);
  expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
}

describe('sentiment model', () => {
  it('loads from its ONNX file and describes itself', async () => {
    const onnx = await readFile(sentimentPaths(dataDir).model);
    expect(model.describe()).toMatchObject({
      name: 'sentiment',
      kind: 'text-sentiment',
      input: 'text',
      status: 'ready',
      version: 1,
      versions: [1],
      trainable: false,
      sha256: createHash('sha256').update(onnx).digest('hex'),
    });
  });

  it('fails as not_installed when nothing is built', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'modelwire-empty-'));
    await expect(createSentimentModel(empty)).rejects.toMatchObject({ code: 'not_installed', details: { installCommand: 'npm run models:build' } });
    await rm(empty, { recursive: true, force: true });
  });

  it.each(['I love this phone, it works great!', 'What a wonderful, delightful film.'])('reads "%s" as positive', async (text) => {
    expect(await sentimentOf(text)).toMatchObject({ label: 'positive', score: expect.toSatisfy((s: number) => s > 0.5) });
  });

  it.each(['This is the worst service I have ever had.', 'Terrible product, it broke after one day and I want a refund.'])(
    'reads "%s" as negative',
    async (text) => {
      expect(await sentimentOf(text)).toMatchObject({ label: 'negative', score: expect.toSatisfy((s: number) => s < -0.5) });
    },
  );

  it('reads text with no word it knows as neutral', async () => {
    expect((await sentimentOf('zzxq wvvkq 😀')).label).toBe('neutral');
  });

  // The served model writes each text's features into a reused row: one after another and many at once, no text may
  // see another's features.
  it('answers exactly what the exported ONNX file computes on the featurizer output, one call at a time or many at once', async () => {
    const paths = sentimentPaths(dataDir);
    const sidecar = parseSentimentSidecar(JSON.parse(await readFile(paths.sidecar, 'utf8')));
    const featurizer = createSentimentFeaturizer(sidecar.lexicon);
    const session = await ort.InferenceSession.create(paths.model);
    const texts = [
      'Not bad at all, really.', 'The plot was dull and the acting wooden.', 'It arrived on Tuesday.', 'I loved every minute of it!',
      'Terrible service, never again.', 'ok', 'The battery lasts for days and the screen is gorgeous.', 'Worst purchase I have made this year.',
    ];
    const expected = new Map<string, { score: number; probability: number }>();
    for (const text of texts) {
      const input = new ort.Tensor('float32', featurizer.featurize(text), [1, SENTIMENT_FEATURE_SIZE]);
      const outputs = await session.run({ [sidecar.inputName]: input });
      const [negative, positive] = outputs[sidecar.outputName]!.data as Float32Array;
      expected.set(text, { score: positive! - negative!, probability: Math.max(negative!, positive!) });
    }
    const expectServed = (text: string, served: PredictionOutput) =>
      expect(served, text).toMatchObject({ score: expect.closeTo(expected.get(text)!.score, 6), probability: expect.closeTo(expected.get(text)!.probability, 6) });
    for (const text of [...texts, ...texts.slice().reverse()]) expectServed(text, await sentimentOf(text));
    const atOnce = [...texts, ...texts, ...texts];
    (await Promise.all(atOnce.map(sentimentOf))).forEach((served, index) => expectServed(atOnce[index]!, served));
  });

  it('rejects non-text input, empty, blank and oversized text with invalid_input', async () => {
    await expectInvalidInput({ kind: 'image', image: new Uint8Array([1, 2, 3]) }, /takes text/);
    await expectInvalidInput({ kind: 'features', rows: [[1, 2]] }, /takes text/);
    await expectInvalidInput({ kind: 'text', text: '' }, /empty/);
    await expectInvalidInput({ kind: 'text', text: ' \n\t ' }, /empty/);
    await expectInvalidInput({ kind: 'text', text: 42 } as unknown as PredictionInput, /string/);
    await expectInvalidInput({ kind: 'text', text: 'good '.repeat(2001) }, /limit is 10000/);
  });

  // What its graph is handed, seen through a backend that records each input and runs the same ONNX file on it.
  it('feeds its graph one reused row per call in flight, never a new or copied one per call', async () => {
    const paths = sentimentPaths(dataDir);
    const session = await ort.InferenceSession.create(paths.model);
    const inputs: Float32Array[] = [];
    const backend: InferenceBackend = {
      label: 'recording backend',
      served: () => ({ state: 'ready', versions: [1], metadata: { name: 'sentiment', versions: [1], inputs: [], outputs: [] } }),
      refresh: async () => backend.served('sentiment'),
      servedNames: () => ['sentiment'],
      async run({ input, output }) {
        inputs.push(input.data);
        const outputs = await session.run({ [input.name]: new ort.Tensor('float32', input.data.slice(), input.shape) });
        return { version: 1, output: { name: output, shape: [...outputs[output]!.dims], data: outputs[output]!.data as Float32Array }, inferenceMs: 0 };
      },
      close: () => undefined,
    };
    const recorded = await createSentimentModel(dataDir, backend);
    const predict = (text: string) => recorded.predict({ kind: 'text', text }, {});
    for (const text of ['I loved it.', 'Awful, just awful.', 'It is a chair.']) {
      expect((await predict(text)).output).toEqual((await model.predict({ kind: 'text', text }, {})).output);
    }
    expect(new Set(inputs).size).toBe(1);
    expect(inputs[0]!.length).toBe(SENTIMENT_FEATURE_SIZE);
    expect(inputs[0]!.every((value) => value === 0)).toBe(true);
    inputs.length = 0;
    await Promise.all(['Great!', 'Bad.', 'Fine.'].map(predict));
    const overlapping = new Set(inputs);
    expect(overlapping.size).toBe(3);
    inputs.length = 0;
    await predict('Once more.');
    expect(overlapping.has(inputs[0]!)).toBe(true);
  });

  it('rejects a version it does not have with not_found', async () => {
    await expect(model.predict({ kind: 'text', text: 'fine' }, { version: 2 })).rejects.toMatchObject({ code: 'not_found' });
    expect((await model.predict({ kind: 'text', text: 'fine' }, { version: 1 })).version).toBe(1);
  });
});
