import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchWorkload } from '../../lib/bench/bench-report';
import type { PredictionInput } from '../../lib/contract';
import { imagenetPaths } from '../../server/models/imagenet/imagenet-files';
import type { Answer } from './lanes/lane';
import { sameNumber } from './seed-formula';

/** The linear model the bench trains through the API (the seed's own "default" is trained too, for the seed calls). */
export const BENCH_LINEAR_MODEL = 'bench';

/** A real model called with a rotating set of inputs; `expected` holds the in-process model's answer to each. */
export interface ModelWorkload {
  workload: BenchWorkload;
  /** Scenario ids and headings; "linear-model" keeps the trained model apart from the seed's linear formula. */
  key: 'sentiment' | 'linear-model' | 'image';
  model: string;
  inputs: PredictionInput[];
  expected: (Answer | undefined)[];
  /** How many calls make the sequential run: every photo once; the --calls count for the cheap models. */
  sequentialCalls: number;
  /** How many calls the bytes per call are averaged over: each input once, at most 10 photos. */
  byteSampleCalls: number;
}

/** Photos whose bytes per call are averaged: enough for a fair mean, few enough not to slow the run down. */
const IMAGE_BYTE_SAMPLE = 10;

const SENTENCES = [
  'I love machine learning!',
  'What a great phone, the battery lasts for days.',
  'The food was cold and the service was terrible.',
  'It arrived on Tuesday in a brown box.',
  'Absolutely wonderful film, I cried at the end.',
  'Worst purchase I have ever made, it broke in a week.',
  'The manual is forty pages long.',
  'Not bad at all, I would buy it again.',
  'I am disappointed with the sound quality.',
  'Great value for the money and fast shipping.',
];

const LINEAR_ROWS = [
  [1, 2],
  [3, 4],
  [0.5, 7],
  [-2, 1.5],
  [10, 0],
];

export const sentimentWorkload = (calls: number): ModelWorkload => ({
  workload: 'sentiment',
  key: 'sentiment',
  model: 'sentiment',
  inputs: SENTENCES.map((text) => ({ kind: 'text', text })),
  expected: [],
  sequentialCalls: calls,
  byteSampleCalls: SENTENCES.length,
});

export const linearWorkload = (calls: number): ModelWorkload => ({
  workload: 'linear',
  key: 'linear-model',
  model: BENCH_LINEAR_MODEL,
  inputs: LINEAR_ROWS.map((row) => ({ kind: 'features', rows: [row] })),
  expected: [],
  sequentialCalls: calls,
  byteSampleCalls: LINEAR_ROWS.length,
});

export interface ImageSource {
  photosDir: string;
  modelsDir: string;
}

/** Why the image part cannot run, or undefined when the model and the photos are there. */
export function imagesMissing({ photosDir, modelsDir }: ImageSource): string | undefined {
  if (!existsSync(imagenetPaths(modelsDir).model)) return `no ImageNet model in ${modelsDir} (MODELS_DIR; npm run models:fetch)`;
  if (!existsSync(photosDir)) return `no photos in ${photosDir} (PHOTOS_DIR)`;
  return undefined;
}

/** `count` photos spread evenly over the sorted folder (one per class there), so every run sends the same ones. */
export async function imageWorkload({ photosDir }: ImageSource, count: number): Promise<ModelWorkload> {
  const files = readdirSync(photosDir).filter((file) => file.endsWith('.JPEG')).sort();
  const step = Math.max(1, files.length / count);
  const picked = Array.from({ length: Math.min(count, files.length) }, (_, i) => files[Math.floor(i * step)]!);
  const images = await Promise.all(picked.map((file) => readFile(path.join(photosDir, file))));
  return {
    workload: 'image',
    key: 'image',
    model: 'mobilenetv2',
    inputs: images.map((image) => ({ kind: 'image', image: new Uint8Array(image.buffer, image.byteOffset, image.byteLength) })),
    expected: [],
    sequentialCalls: images.length,
    byteSampleCalls: Math.min(IMAGE_BYTE_SAMPLE, images.length),
  };
}

const sameAnswer = (got: Answer, want: Answer) => (typeof got === 'number' && typeof want === 'number' ? sameNumber(got, want) : got === want);

/**
 * A call that sends the workload's inputs in turn. The first caller to see an input (the in-process run, which goes
 * first) records its answer; every later caller must give the same answer, or the call counts as an error.
 */
export function rotatingCall(workload: ModelWorkload, predict: (input: PredictionInput) => Promise<Answer>): () => Promise<void> {
  let next = 0;
  return async () => {
    const index = next++ % workload.inputs.length;
    const answer = await predict(workload.inputs[index]!);
    const expected = workload.expected[index];
    if (expected === undefined) workload.expected[index] = answer;
    else if (!sameAnswer(answer, expected)) throw new Error(`${workload.model} input ${index}: answered ${answer}, the in-process model ${expected}`);
  };
}
