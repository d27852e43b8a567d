import { SENTIMENT_SIDECAR_FORMAT, type SentimentSidecar } from '../../../lib/featurize/sentiment-sidecar';
import { SENTIMENT_FEATURE_SIZE, SENTIMENT_FEATURIZER_ID, createSentimentFeaturizer } from '../../../lib/featurize/text';
import { loadAfinnLexicon } from './afinn-lexicon';
import { loadSentimentCorpus } from './corpus';
import { OPINION_WORD_RECIPE, findOpinionWords } from './opinion-words';
import { SENTIMENT_ONNX_FILE, readSentimentArtifacts, sentimentPaths, sha256Hex, writeSentimentArtifacts } from './sentiment-artifacts';
import { SENTIMENT_INPUT_NAME, SENTIMENT_OUTPUT_NAME, SENTIMENT_RECIPE, trainSentimentModel } from './train-sentiment';

export const SENTIMENT_MODEL_VERSION = 1;
/** Seed of the cross-validation fold shuffle (the full-set training itself is deterministic without one). */
export const SENTIMENT_SEED = 42;

export interface SentimentBuild {
  modelPath: string;
  sidecarPath: string;
  sha256: string;
  samples: number;
  ms: number;
  built: boolean;
}

/** Trains on the whole corpus and writes `${dataDir}/sentiment/sentiment.{onnx,json}`, replacing any previous build. */
export async function buildSentimentModel(dataDir: string): Promise<SentimentBuild> {
  const started = performance.now();
  const corpus = loadSentimentCorpus();
  const lexicon = loadAfinnLexicon();
  const { model, onnx, samples } = trainSentimentModel(corpus, createSentimentFeaturizer(lexicon));
  const sources: Record<string, number> = {};
  for (const sentence of corpus) sources[sentence.source] = (sources[sentence.source] ?? 0) + 1;
  const sidecar: SentimentSidecar = {
    format: SENTIMENT_SIDECAR_FORMAT,
    name: 'sentiment',
    version: SENTIMENT_MODEL_VERSION,
    onnxFile: SENTIMENT_ONNX_FILE,
    sha256: sha256Hex(onnx),
    inputName: SENTIMENT_INPUT_NAME,
    outputName: SENTIMENT_OUTPUT_NAME,
    classes: ['negative', 'positive'],
    featurizer: { id: SENTIMENT_FEATURIZER_ID, featureSize: SENTIMENT_FEATURE_SIZE },
    lexicon,
    opinionWords: findOpinionWords(corpus, OPINION_WORD_RECIPE),
    training: {
      date: new Date().toISOString(),
      seed: SENTIMENT_SEED,
      samples,
      sources,
      recipe: { ...SENTIMENT_RECIPE, opinionSmoothing: OPINION_WORD_RECIPE.smoothing, opinionMinLogRatio: OPINION_WORD_RECIPE.minLogRatio },
      iterations: model.iterations,
    },
  };
  await writeSentimentArtifacts(dataDir, onnx, sidecar);
  const paths = sentimentPaths(dataDir);
  return { modelPath: paths.model, sidecarPath: paths.sidecar, sha256: sidecar.sha256, samples, ms: performance.now() - started, built: true };
}

/**
 * Builds the model unless a valid one is already there. "Valid" means both files read, the hash matches and the
 * sidecar has this code's format and featurizer, so a half-finished or outdated build (e.g. a format 1 sidecar
 * without opinion words) is replaced rather than served.
 */
export async function ensureSentimentModel(dataDir: string): Promise<SentimentBuild> {
  const started = performance.now();
  try {
    const { sidecar } = await readSentimentArtifacts(dataDir);
    const paths = sentimentPaths(dataDir);
    const ms = performance.now() - started;
    return { modelPath: paths.model, sidecarPath: paths.sidecar, sha256: sidecar.sha256, samples: sidecar.training.samples, ms, built: false };
  } catch {
    return buildSentimentModel(dataDir);
  }
}
