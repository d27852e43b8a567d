import { IMAGENET_CROP_SIZE, IMAGENET_RESIZE_SHORT_SIDE } from '../../lib/featurize/image';
import { SENTIMENT_FEATURE_SIZE } from '../../lib/featurize/text';
import type { ServedModel } from '../core/served-model';
import { createImageClassifier, IMAGENET_MODEL_NAME } from '../models/imagenet/image-classifier';
import { IMAGENET_LABELS, imagenetPaths } from '../models/imagenet/imagenet-files';
import { createLinearModelStore, type LinearModelRecord } from '../models/linear/linear-model-store';
import { MAX_TRAINING_VALUES } from '../models/linear/validate-training-data';
import { createSentimentModel, SENTIMENT_MODEL_NAME } from '../models/sentiment';

/** One model to write into the repository: its ONNX file per version, as ModelWire numbers and serves them. */
export interface RepositoryModel {
  name: string;
  versions: Array<{ version: number; onnxPath: string }>;
  /** The largest batch ModelWire itself gives this model in one onnxruntime run. */
  maxBatchSize: number;
  /** What the graph's tensors hold and what ModelWire does around them, for the repository's README. */
  about: string;
}

export interface SkippedModel {
  name: string;
  reason: string;
}

export interface RepositorySources {
  dataDir: string;
  modelsDir: string;
  maxImagePixels: number;
  /** MAX_BATCH_SIZE: the image batches ModelWire runs. */
  maxBatchSize: number;
  /** Where problems with single saved linear versions are reported (each is skipped). */
  warn: (message: string) => void;
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

const SENTIMENT_ABOUT =
  `Takes featurised text, not text: one row of ${SENTIMENT_FEATURE_SIZE} values per sentence, ModelWire's hashed word and ` +
  'character n-gram and lexicon features (lib/featurize/sentiment-reader.ts, with the lexicon in DATA_DIR/sentiment/sentiment.json). ' +
  'Gives [P(negative), P(positive)] per row; ModelWire turns them into the label, score and probability it answers.';

const IMAGENET_ABOUT =
  `Takes preprocessed images, not image files: one FP32 [3, ${IMAGENET_CROP_SIZE}, ${IMAGENET_CROP_SIZE}] tensor per image, ` +
  `RGB planes resized so the short side is ${IMAGENET_RESIZE_SHORT_SIDE}, centre-cropped and normalised with ImageNet's mean and ` +
  `std (lib/featurize/image.ts). Gives 1000 logits per image; ModelWire applies softmax and the labels of ${IMAGENET_LABELS.fileName}. ` +
  'The graph is int8: ModelWire runs it with onnxruntime\'s session option x64quantprecision=1, which Triton\'s ONNX Runtime ' +
  'backend cannot set, so on x86 CPUs without AVX-512 VNNI Triton\'s logits differ from ModelWire\'s (see docs/serving/triton.md).';

/** A built-in model as its ServedModel describes itself: the version it serves and the ONNX file it runs. */
async function builtinModel(
  name: string,
  create: () => Promise<ServedModel>,
  notInstalled: string,
  fields: Pick<RepositoryModel, 'maxBatchSize' | 'about'>,
): Promise<RepositoryModel | SkippedModel> {
  let model: ServedModel;
  try {
    model = await create();
  } catch (error) {
    return { name, reason: reasonOf(error) };
  }
  const descriptor = model.describe();
  const onnxFile = model.artifacts?.()?.find((artifact) => artifact.role === 'model');
  if (descriptor.status !== 'ready' || descriptor.version === null || !onnxFile) {
    return { name, reason: `${notInstalled}; install it with \`${descriptor.installCommand ?? 'its install command'}\`` };
  }
  return { name, versions: [{ version: descriptor.version, onnxPath: onnxFile.path }], ...fields };
}

/** Every trained linear model with all its versions on disk, as the server loads them; names of built-ins are shadowed there. */
async function linearModels(sources: RepositorySources, builtinNames: string[]): Promise<Array<RepositoryModel | SkippedModel>> {
  const store = createLinearModelStore(sources.dataDir, sources.warn);
  const byName = new Map<string, LinearModelRecord[]>();
  for (const record of await store.loadAll()) byName.set(record.name, [...(byName.get(record.name) ?? []), record]);
  return [...byName].map(([name, records]): RepositoryModel | SkippedModel => {
    if (builtinNames.includes(name)) return { name, reason: `the built-in model "${name}" takes this name; ModelWire does not serve it` };
    const latest = records.at(-1)!;
    return {
      name,
      versions: records.map((record) => ({ version: record.version, onnxPath: store.modelPath(name, record.version) })),
      // One request's rows run together, and a request holds at most MAX_TRAINING_VALUES numbers.
      maxBatchSize: Math.floor(MAX_TRAINING_VALUES / latest.featureCount),
      about: `Linear regression trained through ModelWire. Takes one row of ${latest.featureCount} features per prediction; gives one prediction per row.`,
    };
  });
}

/** What `npm run models:export-repository` writes, and what it cannot, with why. */
export async function collectRepositoryModels(sources: RepositorySources): Promise<{ models: RepositoryModel[]; skipped: SkippedModel[] }> {
  const imagenetFile = imagenetPaths(sources.modelsDir).model;
  const found = [
    await builtinModel(SENTIMENT_MODEL_NAME, () => createSentimentModel(sources.dataDir), `not built in ${sources.dataDir}`, {
      maxBatchSize: sources.maxBatchSize,
      about: SENTIMENT_ABOUT,
    }),
    await builtinModel(
      IMAGENET_MODEL_NAME,
      () => createImageClassifier({ modelsDir: sources.modelsDir, maxImagePixels: sources.maxImagePixels }),
      `not installed: no loadable ${imagenetFile} (MODELS_DIR)`,
      { maxBatchSize: sources.maxBatchSize, about: IMAGENET_ABOUT },
    ),
    ...(await linearModels(sources, [SENTIMENT_MODEL_NAME, IMAGENET_MODEL_NAME])),
  ];
  const isSkipped = (entry: RepositoryModel | SkippedModel): entry is SkippedModel => 'reason' in entry;
  const isModel = (entry: RepositoryModel | SkippedModel): entry is RepositoryModel => !isSkipped(entry);
  return { models: found.filter(isModel), skipped: found.filter(isSkipped) };
}
