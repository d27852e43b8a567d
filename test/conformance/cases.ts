import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { expect } from 'vitest';
import type { PredictionInput, PredictionOutput, TrainRequest } from '../../lib/contract';
import { blackPng } from '../support/bomb-png';
import { EXACT_X, EXACT_Y, exactTarget } from '../support/linear-fixture';
import { houseFinch, skipWithoutSharedImagenet } from '../support/shared-files';
import type { Call, ConformanceCase, Expected } from './case-shape';
import type { Reference } from './reference';

// The one conformance table: every case runs through every protocol's real client (see conformance.test.ts).
// Answers are compared with what a core in this process answers for the same call, so they are exact.

/** The linear model the linear cases predict with, trained on the exact fixture through REST before the table runs. */
export const LINEAR_MODEL = 'conformance-linear';
export const LINEAR_TRAINING: TrainRequest = { X: EXACT_X, y: EXACT_Y };

const MIB = 1024 * 1024;
const TINY_PNG = new Uint8Array(await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 200, g: 30, b: 30 } } }).png().toBuffer());

const text = (value: string): PredictionInput => ({ kind: 'text', text: value });
const image = (bytes: Uint8Array): PredictionInput => ({ kind: 'image', image: bytes });
const rows = (values: number[][]): PredictionInput => ({ kind: 'features', rows: values });
const predict = (model: string, input: PredictionInput, options?: { topK?: number }): Call => ({ op: 'predict', model, input, ...(options ? { options } : {}) });
const train = (model: string, request: TrainRequest): Call => ({ op: 'train', model, request });

/** The answer the in-process core gives for the same call. */
const asTheCore: Expected = {
  ok: true,
  async value({ core }: Reference, call: Call) {
    if (call.op === 'predict') return core.predict(call.model, call.input, call.options);
    if (call.op === 'train') return core.train(call.model, call.request);
    return core.listModels();
  },
};

/** As the core answers, once `vet` has checked the core's own answer against what is known (so a wrong core fails too). */
const asTheCoreWhere = (vet: (output: PredictionOutput, call: Extract<Call, { op: 'predict' }>) => void): Expected => ({
  ok: true,
  async value(reference, call) {
    if (call.op !== 'predict') throw new Error('only predictions are vetted');
    const answer = await reference.core.predict(call.model, call.input, call.options);
    vet(answer.output, call);
    return answer;
  },
});

const saying = (label: string) => asTheCoreWhere((output) => expect(output).toMatchObject({ kind: 'sentiment', label }));
const naming = (label: string) => asTheCoreWhere((output) => expect(output.kind === 'classification' && output.labels[0]?.label).toBe(label));
/** The fixture's plane y = 2·x1 − 3·x2 + 1, to float32 precision. */
const onThePlane = asTheCoreWhere((output, { input }) => {
  if (output.kind !== 'regression' || input.kind !== 'features') throw new Error('a plane case predicts feature rows');
  input.rows.forEach((row, i) => expect(output.values[i]).toBeCloseTo(exactTarget(row), 4));
});

type Refusal = Extract<Expected, { ok: false }>;
const error = (code: Refusal['code']): Refusal => ({ ok: false, code });
const needsImagenet = { skip: skipWithoutSharedImagenet };

export const CASES: readonly ConformanceCase[] = [
  { name: 'listModels: the same models, field for field, as GET /v1/models', call: { op: 'listModels' }, expected: { ok: true, value: async ({ api }) => (await (await fetch(`${api.url}/v1/models`)).json()).models } },

  // Sentiment: whatever the text, every protocol answers what the core answers.
  { name: 'sentiment: a positive sentence', call: predict('sentiment', text('I love machine learning!')), expected: saying('positive') },
  { name: 'sentiment: a negative sentence', call: predict('sentiment', text('This was a terrible, boring waste of time.')), expected: saying('negative') },
  { name: 'sentiment: a plain statement of fact', call: predict('sentiment', text('The package arrived on Tuesday.')), expected: asTheCore },
  { name: 'sentiment: accents, typographic quotes and CJK', call: predict('sentiment', text('Ça m’a beaucoup plu, c’est génial — 素晴らしい!')), expected: asTheCore },
  { name: 'sentiment: emoji and a zero-width joiner', call: predict('sentiment', text('Best day ever 😍🎉👍🏽 👩‍💻')), expected: asTheCore },
  { name: 'sentiment: markup and quoting characters', call: predict('sentiment', text('Fish & chips <3 "great" \\ \'yes\' ]]> {"a":1}')), expected: asTheCore },
  { name: 'sentiment: 10 000 characters, the longest text allowed', call: predict('sentiment', text('good '.repeat(2000))), expected: asTheCore },
  { name: 'sentiment: 10 001 characters → invalid_input', call: predict('sentiment', text(`${'good '.repeat(2000)}!`)), expected: error('invalid_input') },
  { name: 'sentiment: empty text → invalid_input', call: predict('sentiment', text('')), expected: error('invalid_input') },
  { name: 'sentiment: whitespace only → invalid_input', call: predict('sentiment', text(' \t\n ')), expected: error('invalid_input') },
  { name: 'sentiment: an image → invalid_input', call: predict('sentiment', image(TINY_PNG)), expected: error('invalid_input') },
  { name: 'sentiment: feature rows → invalid_input', call: predict('sentiment', rows([[1, 2]])), expected: error('invalid_input') },

  { name: 'an unknown model → not_found', call: predict('no-such-model', text('hello')), expected: error('not_found') },
  { name: 'a model name with spaces and accents → invalid_input', call: predict('modèle inconnu', text('hello')), expected: error('invalid_input') },
  {
    name: 'a path for a model name → invalid_input',
    call: predict('../sentiment', text('hello')),
    expected: error('invalid_input'),
  },
  { name: 'a model name of 65 characters → invalid_input', call: predict('m'.repeat(65), text('hello')), expected: error('invalid_input') },

  // Linear regression: LINEAR_MODEL was trained on the exact plane before the table ran.
  { name: 'linear: two rows, on the plane', call: predict(LINEAR_MODEL, rows([[10, 20], [-3.5, 0.25]])), expected: onThePlane },
  { name: 'linear: one row at the origin', call: predict(LINEAR_MODEL, rows([[0, 0]])), expected: onThePlane },
  { name: 'linear: rows of the wrong width → invalid_input', call: predict(LINEAR_MODEL, rows([[1, 2, 3]])), expected: error('invalid_input') },
  { name: 'linear: no rows → invalid_input', call: predict(LINEAR_MODEL, rows([])), expected: error('invalid_input') },
  {
    name: 'linear: a non-numeric feature → invalid_input',
    call: predict(LINEAR_MODEL, rows([[1, 'two' as unknown as number]])),
    expected: error('invalid_input'),
    differs: {
      'grpc-web': { thrown: /cannot encode field modelwire\.v1\.FeatureRow\.values/, why: 'protobuf types the field as double: the client cannot encode "two" at all' },
      'grpc-connect': { thrown: /cannot encode field modelwire\.v1\.FeatureRow\.values/, why: 'protobuf JSON types the field as double: the client cannot encode "two" at all' },
    },
  },
  { name: 'linear: text → invalid_input', call: predict(LINEAR_MODEL, text('1, 2')), expected: error('invalid_input') },

  // Training: each lane trains its own model, so each answer is version 1, as the core's is.
  { name: 'train: the exact plane, as the core fits it', call: (lane) => train(`conformance-${lane}`, LINEAR_TRAINING), expected: asTheCore },
  { name: 'train: with a ridge penalty, as the core fits it', call: (lane) => train(`conformance-ridge-${lane}`, { ...LINEAR_TRAINING, ridge: 0.5 }), expected: asTheCore },
  { name: 'train: X and y of different lengths → invalid_input', call: train('conformance-mismatched', { X: [[1], [2]], y: [1] }), expected: error('invalid_input') },
  { name: 'train: ragged rows → invalid_input', call: train('conformance-ragged', { X: [[1, 2], [3]], y: [1, 2] }), expected: error('invalid_input') },
  { name: 'train: collinear features → invalid_input', call: train('conformance-collinear', { X: [[1, 2], [2, 4], [3, 6]], y: [1, 2, 3] }), expected: error('invalid_input') },
  { name: 'train: no rows → invalid_input', call: train('conformance-empty', { X: [], y: [] }), expected: error('invalid_input') },
  { name: 'train: the built-in sentiment model → invalid_input', call: train('sentiment', LINEAR_TRAINING), expected: error('invalid_input') },

  // Images, with the shared ImageNet model installed.
  { name: 'image: a tiny PNG made by sharp, top 5', call: predict('mobilenetv2', image(TINY_PNG)), expected: asTheCore, ...needsImagenet },
  {
    name: 'image: the house finch photo, top 3, named a house finch',
    call: () => predict('mobilenetv2', image(new Uint8Array(readFileSync(houseFinch().path))), { topK: 3 }),
    expected: naming('house finch'),
    ...needsImagenet,
  },
  { name: 'image: topK 1', call: predict('mobilenetv2', image(TINY_PNG), { topK: 1 }), expected: asTheCore, ...needsImagenet },
  { name: 'image: topK 20, the most allowed', call: predict('mobilenetv2', image(TINY_PNG), { topK: 20 }), expected: asTheCore, ...needsImagenet },
  { name: 'image: topK 0 → invalid_input', call: predict('mobilenetv2', image(TINY_PNG), { topK: 0 }), expected: error('invalid_input'), ...needsImagenet },
  { name: 'image: topK 21 → invalid_input', call: predict('mobilenetv2', image(TINY_PNG), { topK: 21 }), expected: error('invalid_input'), ...needsImagenet },
  { name: 'image: no bytes → invalid_input', call: predict('mobilenetv2', image(new Uint8Array())), expected: error('invalid_input'), ...needsImagenet },
  { name: 'image: a text file → unsupported_media', call: predict('mobilenetv2', image(new TextEncoder().encode('This is a plain text file, not a picture.\n'))), expected: error('unsupported_media'), ...needsImagenet },
  { name: 'image: text → invalid_input', call: predict('mobilenetv2', text('a cat')), expected: error('invalid_input'), ...needsImagenet },
  { name: 'image: a 20000×20000 PNG → too_large before decoding', call: predict('mobilenetv2', image(blackPng(20_000, 20_000))), expected: error('too_large'), ...needsImagenet },
  {
    name: 'image: 9 MiB of bytes that are no image → unsupported_media',
    call: predict('mobilenetv2', image(new Uint8Array(9 * MIB).fill(7))),
    expected: error('unsupported_media'),
    ...needsImagenet,
  },

  // Last, as two protocols answer it by dropping the connection (their clients reconnect on the next call).
  {
    name: '21 MiB, over every protocol\'s 20 MB limit → too_large',
    call: predict('mobilenetv2', image(new Uint8Array(21 * MIB))),
    expected: error('too_large'),
    differs: {
      websocket: { ...error('too_large'), native: 'close code 1009 (Message Too Big)', why: 'over its 20 MB maximum the WebSocket server closes the connection (1009) rather than answer' },
      mqtt: { ...error('internal'), native: 'MQTT connection closed without a reply', why: 'the broker drops a client whose publish is over its limit, and MQTT 3.1.1 has no way to say why' },
    },
  },
];
