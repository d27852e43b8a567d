import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PredictionOutput } from '../../../lib/contract';
import { ModelWireError } from '../../../lib/model-wire-error';
import { SHARED_IMAGENET_DIR, sharedPhotos, skipWithoutSharedImagenet } from '../../../test/support/shared-files';
import type { ModelAnswer, ServedModel } from '../../core/served-model';
import { loadOnnxWorkerSession } from '../../core/onnx-worker/onnx-worker-session';
import { createImageClassifier } from './image-classifier';
import { startLoadingImageGraph } from './image-graph-loading';
import { IMAGENET_MODEL, imagenetPaths } from './imagenet-files';

const MAX_PIXELS = 40_000_000;
const TOP_K = 5;

const labelsOf = (output: PredictionOutput) => {
  if (output.kind !== 'classification') throw new Error(`expected a classification, got ${output.kind}`);
  return output.labels;
};

describe.skipIf(skipWithoutSharedImagenet())('image classifier with dynamic batching (real MobileNetV2)', () => {
  let photos: Buffer[] = [];
  let batched: ServedModel;
  let alone: ServedModel;
  const batchSizes: Array<[model: string, size: number]> = [];

  beforeAll(async () => {
    // Eight photos of eight different classes, spread over the sample.
    const all = sharedPhotos();
    photos = await Promise.all(all.filter((_, index) => index % 125 === 0).map((photo) => readFile(photo.path)));
    // A long queue delay, so requests made together surely meet in one batch.
    batched = await createImageClassifier({
      modelsDir: SHARED_IMAGENET_DIR,
      maxImagePixels: MAX_PIXELS,
      batching: { maxBatchSize: 8, maxQueueDelayMs: 2_000 },
      observer: { batchRan: (model, size) => batchSizes.push([model, size]) },
    });
    alone = await createImageClassifier({ modelsDir: SHARED_IMAGENET_DIR, maxImagePixels: MAX_PIXELS });
  });

  const classify = (model: ServedModel, image: Uint8Array) => model.predict({ kind: 'image', image }, { topK: TOP_K });

  it('answers eight different photos run as one batch as it answers each photo alone', async () => {
    expect(photos).toHaveLength(8);
    const together = await Promise.all(photos.map((photo) => classify(batched, photo)));
    const oneByOne: ModelAnswer[] = [];
    for (const photo of photos) oneByOne.push(await classify(alone, photo));

    // One onnxruntime run answered all eight: each answer reports that run's time.
    expect(new Set(together.map((answer) => answer.inferenceMs)).size).toBe(1);
    expect(batchSizes).toEqual([['mobilenetv2', 8]]);
    // Each waited in the queue from its submission to the batch's start; the first to arrive waited for the others.
    expect(together.every((answer) => answer.queueMs !== undefined && answer.queueMs >= 0)).toBe(true);
    expect(Math.max(...together.map((answer) => answer.queueMs!))).toBeGreaterThan(0);
    expect(new Set(together.map((answer) => labelsOf(answer.output)[0]!.classIndex)).size).toBeGreaterThan(4);
    together.forEach((answer, index) => {
      const expected = labelsOf(oneByOne[index]!.output);
      const actual = labelsOf(answer.output);
      expect(actual.map((label) => label.label)).toEqual(expected.map((label) => label.label));
      actual.forEach((label, rank) => expect(Math.abs(label.probability - expected[rank]!.probability)).toBeLessThan(1e-4));
    });
  });

  it('gives a corrupt image among them its own invalid_input while the others are answered together', async () => {
    const corrupt = photos[3]!.subarray(0, 2_000); // a JPEG cut off after its header
    const attempts = await Promise.all(
      photos.map((photo, index) => classify(batched, index === 3 ? corrupt : photo).catch((error: unknown) => error)),
    );
    const refused = attempts[3];
    expect(refused).toBeInstanceOf(ModelWireError);
    expect((refused as ModelWireError).code).toBe('invalid_input');
    const answered = attempts.filter((_, index) => index !== 3) as ModelAnswer[];
    expect(answered.every((answer) => labelsOf(answer.output).length === TOP_K)).toBe(true);
    expect(new Set(answered.map((answer) => answer.inferenceMs)).size).toBe(1);
  });
});

describe.skipIf(skipWithoutSharedImagenet())('image classifier taking a graph already loading (real MobileNetV2)', () => {
  const photo = () => readFile(sharedPhotos()[0]!.path);
  const modelPath = imagenetPaths(SHARED_IMAGENET_DIR).model;

  it('classifies on the session it was handed, not one of its own', async () => {
    const graphLoading = await startLoadingImageGraph(modelPath);
    const classifier = await createImageClassifier({ modelsDir: SHARED_IMAGENET_DIR, maxImagePixels: MAX_PIXELS, graphLoading });
    const image = await photo();
    const answer = await classifier.predict({ kind: 'image', image }, { topK: 1 });
    expect(labelsOf(answer.output)).toHaveLength(1);

    // Its session ended, the classifier's runs fail: it had no session of its own.
    await (await graphLoading.session).release();
    await expect(classifier.predict({ kind: 'image', image }, { topK: 1 })).rejects.toThrow(/Inference failed/);
  });

  it('reports a handed graph that failed to load, then loads its own from MODELS_DIR on the next call', async () => {
    const garbage = Buffer.from('not an ONNX graph');
    const graphLoading = { modelPath, sha256: 'not the file read', session: loadOnnxWorkerSession(new Uint8Array(garbage)) };
    const classifier = await createImageClassifier({ modelsDir: SHARED_IMAGENET_DIR, maxImagePixels: MAX_PIXELS, graphLoading });
    expect(classifier.describe().status).toBe('not_installed');

    const answer = await classifier.predict({ kind: 'image', image: await photo() }, { topK: 1 });
    expect(labelsOf(answer.output)).toHaveLength(1);
    expect(classifier.describe()).toMatchObject({ status: 'ready', sha256: IMAGENET_MODEL.sha256 });
  });

  it('ends the worker thread of a handed graph when the rest of the model fails to load', async () => {
    const modelsDir = await mkdtemp(path.join(tmpdir(), 'modelwire-imagenet-'));
    try {
      const paths = imagenetPaths(modelsDir);
      await copyFile(modelPath, paths.model);
      await writeFile(paths.labels, JSON.stringify(['tench', 'goldfish']));
      const graphLoading = await startLoadingImageGraph(paths.model);
      const classifier = await createImageClassifier({ modelsDir, maxImagePixels: MAX_PIXELS, graphLoading });
      expect(classifier.describe().status).toBe('not_installed');
      const session = await graphLoading.session;
      await expect(session.run({})).rejects.toThrow(/released/);
    } finally {
      await rm(modelsDir, { recursive: true, force: true });
    }
  });

  it('leaves alone a graph loading from another path', async () => {
    const graphLoading = { modelPath: '/elsewhere/mobilenetv2.onnx', sha256: '', session: Promise.reject(new Error('must not be taken')) };
    graphLoading.session.catch(() => undefined);
    const classifier = await createImageClassifier({ modelsDir: SHARED_IMAGENET_DIR, maxImagePixels: MAX_PIXELS, graphLoading });
    expect(classifier.describe().status).toBe('ready');
  });
});
