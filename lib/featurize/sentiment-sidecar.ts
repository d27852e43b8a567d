import { SENTIMENT_FEATURE_SIZE, SENTIMENT_FEATURIZER_ID, type SentimentLexicon } from './text';

/**
 * The JSON file next to sentiment.onnx: what produced the ONNX file and the data the featurizer needs
 * (the lexicon it was trained with, the opinion words). Read by the server and by the browser, so it lives here, free of node: imports.
 */
export const SENTIMENT_SIDECAR_FORMAT = 2;

export interface SentimentSidecar {
  /** 2 since the opinion words replaced the known-word bitset; a format 1 build is rebuilt (ensureSentimentModel). */
  format: typeof SENTIMENT_SIDECAR_FORMAT;
  name: 'sentiment';
  version: number;
  onnxFile: string;
  /** SHA-256 (hex) of the ONNX file; a mismatch means the pair is stale or half-replaced. */
  sha256: string;
  inputName: string;
  outputName: string;
  /** Order of the ONNX output's probabilities. */
  classes: ['negative', 'positive'];
  featurizer: { id: string; featureSize: number };
  /** Pass to createSentimentFeaturizer. */
  lexicon: SentimentLexicon & { source: string };
  /** Normalised words that lean clearly to one class in the training sentences (see opinion-evidence.ts), sorted. */
  opinionWords: string[];
  training: {
    /** ISO 8601; the only field that differs between two builds. */
    date: string;
    /** Seed of the fold shuffle used to cross-validate this recipe; the full-set training draws no random numbers. */
    seed: number;
    samples: number;
    sources: Record<string, number>;
    recipe: Record<string, number>;
    iterations: number;
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Validates a parsed sidecar, including that it was built for this featurizer; throws an Error saying what is wrong. */
export function parseSentimentSidecar(value: unknown): SentimentSidecar {
  if (!isRecord(value) || value.name !== 'sentiment') throw new Error('not a sentiment model sidecar');
  if (value.format !== SENTIMENT_SIDECAR_FORMAT) {
    throw new Error(`sentiment sidecar has format ${JSON.stringify(value.format)}, this code reads format ${SENTIMENT_SIDECAR_FORMAT}; rebuild it`);
  }
  const { version, sha256, featurizer, opinionWords, onnxFile, inputName, outputName, classes, training } = value;
  if (!Number.isInteger(version) || (version as number) < 1) throw new Error('sidecar version must be a positive integer');
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) throw new Error('sidecar sha256 must be 64 hex digits');
  if (typeof onnxFile !== 'string' || typeof inputName !== 'string' || typeof outputName !== 'string') {
    throw new Error('sidecar onnxFile, inputName and outputName must be strings');
  }
  if (!Array.isArray(classes) || classes.join() !== 'negative,positive') throw new Error('sidecar classes must be [negative, positive]');
  if (!isRecord(featurizer) || featurizer.id !== SENTIMENT_FEATURIZER_ID || featurizer.featureSize !== SENTIMENT_FEATURE_SIZE) {
    throw new Error(`model was built for featurizer ${JSON.stringify(featurizer)}, this code has ${SENTIMENT_FEATURIZER_ID} (${SENTIMENT_FEATURE_SIZE} features); rebuild it`);
  }
  const { lexicon } = value;
  if (
    !isRecord(lexicon) ||
    !isRecord(lexicon.valences) ||
    !Object.values(lexicon.valences).every((v) => typeof v === 'number' && Number.isFinite(v)) ||
    !Array.isArray(lexicon.negators) ||
    !lexicon.negators.every((word) => typeof word === 'string')
  ) {
    throw new Error('sidecar lexicon must hold valences (word → number) and negators (strings)');
  }
  if (!Array.isArray(opinionWords) || !opinionWords.every((word) => typeof word === 'string')) {
    throw new Error('sidecar opinionWords must be an array of strings');
  }
  if (!isRecord(training)) throw new Error('sidecar training must be an object');
  return value as unknown as SentimentSidecar;
}
