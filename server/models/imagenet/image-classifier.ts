import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ModelDescriptor, PredictionInput, PredictOptions } from '../../../lib/contract';
import { IMAGENET_CROP_SIZE, imagenetTensorData, softmax, topKIndices } from '../../../lib/featurize/image';
import { ModelWireError, invalidInput } from '../../../lib/model-wire-error';
import type { InferenceBackend } from '../../backends/inference-backend';
import { builtinRemoteRunner, notOnBackend, remoteAvailability } from '../../backends/remote-graph';
import { createDynamicBatcher, type DynamicBatcher } from '../../core/batching/dynamic-batcher';
import { stackedOnnxRun, type StackedRunRow } from '../../core/batching/stacked-onnx-run';
import type { CoreObserver } from '../../core/core-observer';
import { batchedRawTensorRunner } from '../../core/raw-tensor-inference';
import { JSON_CONTENT_TYPE, ONNX_CONTENT_TYPE, type BatchItem, type ModelAnswer, type ServedModel, type StackableItem } from '../../core/served-model';
import { decodeForImagenet } from './decode-image';
import { startLoadingImageGraph, type ImageGraphLoading } from './image-graph-loading';
import { IMAGENET_INSTALL_COMMAND, imagenetPaths } from './imagenet-files';

export const IMAGENET_MODEL_NAME = 'mobilenetv2';
const VERSION = 1;
const DEFAULT_TOP_K = 5;
const MAX_TOP_K = 20;

/** How requests are batched into one onnxruntime run (see DynamicBatcherOptions). */
export interface ImageBatching {
  maxBatchSize: number;
  maxQueueDelayMs: number;
}

export interface ImageClassifierOptions {
  modelsDir: string;
  maxImagePixels: number;
  /** Left out: every image runs on its own, as soon as the model is free. */
  batching?: ImageBatching;
  /** Told the size of every batch the model runs (metrics). */
  observer?: Pick<CoreObserver, 'batchRan'>;
  /** Runs the graph instead of onnxruntime here; only the labels are then read from MODELS_DIR. */
  backend?: InferenceBackend;
  /** The graph already being loaded (startLoadingImageGraphEarly), taken by the first load when its path matches. */
  graphLoading?: ImageGraphLoading;
}

const UNBATCHED: ImageBatching = { maxBatchSize: 1, maxQueueDelayMs: 0 };
/** The graph's own input and output, as its ONNX file names them: a preprocessed image in, 1000 logits out. */
const GRAPH_TENSORS = { input: { name: 'input', itemDims: [3, IMAGENET_CROP_SIZE, IMAGENET_CROP_SIZE] }, output: { name: 'output', itemDims: [1000] } };

interface LoadedClassifier {
  /** Runs batches of normalised [3, 224, 224] images on the model's worker thread, or on the backend. */
  batcher: DynamicBatcher<BatchItem, StackedRunRow>;
  labels: string[];
  /** Of the local ONNX file; unknown when the backend runs the graph. */
  sha256?: string;
}

type RunBatch = (items: BatchItem[]) => Promise<StackedRunRow[]>;

const IMAGE_VALUES = 3 * IMAGENET_CROP_SIZE * IMAGENET_CROP_SIZE;

/** A decoded photo (224 × 224 RGB bytes) waiting for its batch: normalised straight into its place in the batch's input. */
function photoItem(rgb: Uint8Array): StackableItem {
  if (rgb.length !== IMAGE_VALUES) throw new Error(`a decoded photo has ${rgb.length} bytes, expected ${IMAGE_VALUES}`);
  return { length: IMAGE_VALUES, writeInto: (target) => void imagenetTensorData(rgb, IMAGENET_CROP_SIZE, target) };
}

async function localGraph({ session, sha256 }: ImageGraphLoading): Promise<{ runBatch: RunBatch; sha256: string }> {
  return { runBatch: stackedOnnxRun(await session, GRAPH_TENSORS.input.itemDims), sha256 };
}

function remoteGraph(backend: InferenceBackend): { runBatch: RunBatch } {
  const runner = builtinRemoteRunner({ backend, model: IMAGENET_MODEL_NAME, signature: GRAPH_TENSORS });
  return { runBatch: async (items) => runner.run(items).then(({ outputs, inferenceMs }) => outputs.map((output) => ({ output, inferenceMs }))) };
}

async function loadClassifier(
  { modelsDir, batching = UNBATCHED, observer, backend }: ImageClassifierOptions,
  graphLoading: ImageGraphLoading | undefined,
): Promise<LoadedClassifier> {
  const paths = imagenetPaths(modelsDir);
  const labels: unknown = JSON.parse(await readFile(paths.labels, 'utf8'));
  if (!Array.isArray(labels) || labels.length !== 1000) throw new Error(`${paths.labels} must hold 1000 labels`);
  const { runBatch, sha256 } = backend ? { ...remoteGraph(backend), sha256: undefined } : await localGraph(graphLoading ?? (await startLoadingImageGraph(paths.model)));
  const batcher = createDynamicBatcher({ ...batching, runBatch, onBatch: (size) => observer?.batchRan?.(IMAGENET_MODEL_NAME, size) });
  return { batcher, labels: labels.map(String), sha256 };
}

/**
 * MobileNetV2 (ImageNet-1k) from MODELS_DIR. When its files are absent the model is listed as not installed;
 * it is loaded as soon as they appear (after `npm run models:fetch`), without a restart.
 */
export async function createImageClassifier(options: ImageClassifierOptions): Promise<ServedModel> {
  const paths = imagenetPaths(options.modelsDir);
  let loaded: LoadedClassifier | undefined;
  let loading: Promise<LoadedClassifier> | undefined;
  let loadError: string | undefined;
  let graphLoading = options.graphLoading?.modelPath === paths.model ? options.graphLoading : undefined;

  // With a backend only the labels are needed here.
  const filesPresent = () => (options.backend || existsSync(paths.model)) && existsSync(paths.labels);

  async function ensureLoaded(): Promise<LoadedClassifier | undefined> {
    if (loaded) return loaded;
    if (!filesPresent()) return undefined;
    if (!loading) {
      const handed = graphLoading;
      graphLoading = undefined; // a load that failed is not retried with the same session
      loading = loadClassifier(options, handed);
      // Nor is its worker thread left running.
      loading.catch(() => handed?.session.then((session) => session.release(), () => undefined));
    }
    try {
      loaded = await loading;
      loadError = undefined;
    } catch (error) {
      loadError = error instanceof Error ? error.message : String(error);
    } finally {
      loading = undefined;
    }
    return loaded;
  }

  const notInstalled = () =>
    // The labels are here; the backend lacks the graph.
    loaded && options.backend ? notOnBackend(options.backend, IMAGENET_MODEL_NAME) : new ModelWireError(
      'not_installed',
      `The image classifier is not installed${loadError ? ` (${loadError})` : ''}. Install it with \`${IMAGENET_INSTALL_COMMAND}\`.`,
      { model: IMAGENET_MODEL_NAME, installCommand: IMAGENET_INSTALL_COMMAND, modelsDir: options.modelsDir },
    );

  await ensureLoaded();

  return {
    name: IMAGENET_MODEL_NAME,
    describe(): ModelDescriptor {
      const local: Pick<ModelDescriptor, 'status' | 'version' | 'versions'> = { status: 'ready', version: VERSION, versions: [VERSION] };
      const availability = options.backend ? remoteAvailability(options.backend, IMAGENET_MODEL_NAME) : local;
      return {
        name: IMAGENET_MODEL_NAME,
        kind: 'image-classification',
        input: 'image',
        description: 'MobileNetV2 ImageNet-1k classifier (int8 ONNX, ONNX Model Zoo). Send a JPEG, PNG or WebP photo.',
        ...(loaded ? availability : { status: 'not_installed', version: null, versions: [] }),
        classCount: 1000,
        trainable: false,
        ...(loaded?.sha256 ? { sha256: loaded.sha256 } : {}),
        ...(loaded ? {} : { installCommand: IMAGENET_INSTALL_COMMAND }),
      };
    },
    rawTensors: batchedRawTensorRunner(GRAPH_TENSORS, async () => {
      const classifier = await ensureLoaded();
      if (!classifier) throw notInstalled();
      return { version: VERSION, batcher: classifier.batcher };
    }),
    artifacts: () =>
      loaded && existsSync(paths.model)
        ? [
            { file: path.basename(paths.model), role: 'model', path: paths.model, contentType: ONNX_CONTENT_TYPE },
            { file: path.basename(paths.labels), role: 'labels', path: paths.labels, contentType: JSON_CONTENT_TYPE },
          ]
        : undefined,
    async predict(input: PredictionInput, predictOptions: PredictOptions): Promise<ModelAnswer> {
      if (input.kind !== 'image') throw invalidInput(`Model "${IMAGENET_MODEL_NAME}" takes an image, not ${input.kind}.`);
      const topK = predictOptions.topK ?? DEFAULT_TOP_K;
      if (!Number.isInteger(topK) || topK < 1 || topK > MAX_TOP_K) throw invalidInput(`topK must be an integer from 1 to ${MAX_TOP_K}.`);
      const classifier = await ensureLoaded();
      if (!classifier) throw notInstalled();

      // Decoded alone, before joining a batch: a bad image fails only its own request.
      const preprocessStarted = performance.now();
      const photo = photoItem(await decodeForImagenet(input.image, options.maxImagePixels));
      const preprocessMs = performance.now() - preprocessStarted;

      const { result, queueMs } = await classifier.batcher.submit(photo);
      const { output: logits, inferenceMs } = result;
      const probabilities = softmax(logits);
      const top = topKIndices(probabilities, topK).map((classIndex) => ({
        label: classifier.labels[classIndex] ?? `class ${classIndex}`,
        classIndex,
        probability: probabilities[classIndex]!,
      }));
      return { version: VERSION, output: { kind: 'classification', labels: top }, inferenceMs, preprocessMs, queueMs };
    },
  };
}
