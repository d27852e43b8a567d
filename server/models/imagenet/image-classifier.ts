import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ModelDescriptor, PredictionInput, PredictOptions } from '../../../lib/contract';
import { IMAGENET_CROP_SIZE, imagenetTensorData, softmax, topKIndices } from '../../../lib/featurize/image';
import { ModelWireError, invalidInput } from '../../../lib/model-wire-error';
import { float32Tensor, loadOnnxSession, outputFloats, runTimed, type OnnxSession } from '../../core/onnx-session';
import { JSON_CONTENT_TYPE, ONNX_CONTENT_TYPE, type ModelAnswer, type ServedModel } from '../../core/served-model';
import { decodeForImagenet } from './decode-image';
import { IMAGENET_INSTALL_COMMAND, imagenetPaths } from './imagenet-files';

export const IMAGENET_MODEL_NAME = 'mobilenetv2';
const VERSION = 1;
const DEFAULT_TOP_K = 5;
const MAX_TOP_K = 20;

interface LoadedClassifier {
  session: OnnxSession;
  labels: string[];
  sha256: string;
}

async function loadClassifier(modelsDir: string): Promise<LoadedClassifier> {
  const paths = imagenetPaths(modelsDir);
  const [modelBytes, labelsText] = await Promise.all([readFile(paths.model), readFile(paths.labels, 'utf8')]);
  const labels: unknown = JSON.parse(labelsText);
  if (!Array.isArray(labels) || labels.length !== 1000) throw new Error(`${paths.labels} must hold 1000 labels`);
  const session = await loadOnnxSession(new Uint8Array(modelBytes));
  const sha256 = createHash('sha256').update(modelBytes).digest('hex');
  return { session, labels: labels.map(String), sha256 };
}

/**
 * MobileNetV2 (ImageNet-1k) from MODELS_DIR. When its files are absent the model is listed as not installed;
 * it is loaded as soon as they appear (after `npm run models:fetch`), without a restart.
 */
export async function createImageClassifier(options: { modelsDir: string; maxImagePixels: number }): Promise<ServedModel> {
  const paths = imagenetPaths(options.modelsDir);
  let loaded: LoadedClassifier | undefined;
  let loading: Promise<LoadedClassifier> | undefined;
  let loadError: string | undefined;

  const filesPresent = () => existsSync(paths.model) && existsSync(paths.labels);

  async function ensureLoaded(): Promise<LoadedClassifier | undefined> {
    if (loaded) return loaded;
    if (!filesPresent()) return undefined;
    loading ??= loadClassifier(options.modelsDir);
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
    new ModelWireError(
      'not_installed',
      `The image classifier is not installed${loadError ? ` (${loadError})` : ''}. Install it with \`${IMAGENET_INSTALL_COMMAND}\`.`,
      { model: IMAGENET_MODEL_NAME, installCommand: IMAGENET_INSTALL_COMMAND, modelsDir: options.modelsDir },
    );

  await ensureLoaded();

  return {
    name: IMAGENET_MODEL_NAME,
    describe(): ModelDescriptor {
      return {
        name: IMAGENET_MODEL_NAME,
        kind: 'image-classification',
        input: 'image',
        description: 'MobileNetV2 ImageNet-1k classifier (int8 ONNX, ONNX Model Zoo). Send a JPEG, PNG or WebP photo.',
        status: loaded ? 'ready' : 'not_installed',
        version: loaded ? VERSION : null,
        versions: loaded ? [VERSION] : [],
        classCount: 1000,
        trainable: false,
        ...(loaded ? { sha256: loaded.sha256 } : { installCommand: IMAGENET_INSTALL_COMMAND }),
      };
    },
    artifacts: () =>
      loaded
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

      const preprocessStarted = performance.now();
      const rgb = await decodeForImagenet(input.image, options.maxImagePixels);
      const tensor = float32Tensor(imagenetTensorData(rgb), [1, 3, IMAGENET_CROP_SIZE, IMAGENET_CROP_SIZE]);
      const preprocessMs = performance.now() - preprocessStarted;

      const { session, labels } = classifier;
      const { outputs, inferenceMs } = await runTimed(session, { [session.inputNames[0]!]: tensor });
      const probabilities = softmax(outputFloats(outputs, session.outputNames[0]!));
      const top = topKIndices(probabilities, topK).map((classIndex) => ({
        label: labels[classIndex] ?? `class ${classIndex}`,
        classIndex,
        probability: probabilities[classIndex]!,
      }));
      return { version: VERSION, output: { kind: 'classification', labels: top }, inferenceMs, preprocessMs };
    },
  };
}
