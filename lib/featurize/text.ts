import { EXTRA_NEGATORS, normalizeText, tokenizeText, type TextToken } from './text-tokens';

/**
 * The sentiment featurizer: text → one fixed-size float vector, the input of the sentiment ONNX model.
 * Isomorphic (server and browser), no node: imports. No vocabulary: every n-gram is hashed. Its only data is
 * the sentiment lexicon, which the build copies into the model's JSON sidecar, so a model always runs
 * with the exact lexicon it was trained with.
 *
 * Layout: [0, 2^16) hashed sparse features, three families each L2-normalised on its own
 *   w: word unigrams, negation-marked inside a negation scope ("not good" → w:not, w:!good), plus ! and ?
 *   b: word bigrams (plain words, with sentence start/end markers)
 *   c: character 3- to 5-grams of each word padded with spaces (robust to typos and inflections)
 * then LEXICON_FEATURES dense AFINN features (valences flipped inside negation scopes).
 */
export const SENTIMENT_FEATURIZER_ID = 'sentiment-hash16-words-bigrams-chars3to5-afinn8-v1';
export const SENTIMENT_HASH_BITS = 16;
export const SENTIMENT_HASH_SIZE = 2 ** SENTIMENT_HASH_BITS;
export const LEXICON_FEATURES = [
  'positive valence', 'negative valence', 'positive words', 'negative words',
  'net valence', 'last valence', 'net positive', 'net negative',
] as const;
export const SENTIMENT_FEATURE_SIZE = SENTIMENT_HASH_SIZE + LEXICON_FEATURES.length;

export interface SparseFeatures {
  /** Ascending, unique feature indices. */
  indices: Int32Array;
  values: Float32Array;
}

/** Word valences (AFINN: integers from -5 to 5) and the words that open a negation scope. */
export interface SentimentLexicon {
  valences: Record<string, number>;
  negators: string[];
}

export interface SentimentFeaturizer {
  readonly id: string;
  readonly featureSize: number;
  tokenize(text: string): TextToken[];
  /** The non-zero features, for training (the dense vector is almost all zeros). */
  sparse(text: string): SparseFeatures;
  /** Float32Array(SENTIMENT_FEATURE_SIZE): the row fed to the ONNX model. */
  featurize(text: string): Float32Array;
}

const CHAR_NGRAM_SIZES = [3, 4, 5] as const;

/** 32-bit FNV-1a over UTF-16 code units: identical in every JS engine. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** The bucket in [0, SENTIMENT_HASH_SIZE) a feature key is hashed to. */
export const hashBucket = (key: string) => fnv1a(key) & (SENTIMENT_HASH_SIZE - 1);

function characterNgrams(word: string, into: Set<string>): void {
  const chars = Array.from(` ${word} `); // code points, so surrogate pairs are never split
  for (const n of CHAR_NGRAM_SIZES) {
    for (let i = 0; i + n <= chars.length; i++) into.add(`c:${chars.slice(i, i + n).join('')}`);
  }
}

function lexiconFeatures(valences: number[]): number[] {
  let positive = 0, negative = 0, positiveWords = 0, negativeWords = 0;
  for (const v of valences) {
    if (v > 0) (positive += v), positiveWords++;
    else (negative -= v), negativeWords++;
  }
  const last = valences.at(-1) ?? 0;
  return [
    Math.tanh(positive / 5), Math.tanh(negative / 5), Math.tanh(positiveWords / 3), Math.tanh(negativeWords / 3),
    Math.tanh((positive - negative) / 5), last / 5, positive > negative ? 1 : 0, negative > positive ? 1 : 0,
  ];
}

export function createSentimentFeaturizer(lexicon: SentimentLexicon): SentimentFeaturizer {
  const valences = new Map<string, number>();
  for (const [word, valence] of Object.entries(lexicon.valences)) {
    // Multi-word entries ("does not work") never match a single token; the n-grams cover those.
    if (Number.isFinite(valence) && valence !== 0 && !/\s/.test(word)) valences.set(normalizeText(word), valence);
  }
  const negators = new Set([...lexicon.negators.map(normalizeText), ...EXTRA_NEGATORS]);
  const tokenize = (text: string) => tokenizeText(text, negators);

  function sparse(text: string): SparseFeatures {
    const families = { unigrams: new Set<string>(), bigrams: new Set<string>(), chars: new Set<string>() };
    const found: number[] = [];
    let previous = '<s>';
    for (const token of tokenize(text)) {
      if (token.kind === 'punctuation') {
        if (token.text === '!' || token.text === '?') families.unigrams.add(`w:${token.text}`);
        continue;
      }
      families.unigrams.add(token.negated ? `w:!${token.text}` : `w:${token.text}`);
      families.bigrams.add(`b:${previous} ${token.text}`);
      previous = token.text;
      if (token.kind === 'emoji') continue;
      characterNgrams(token.text, families.chars);
      const valence = valences.get(token.text);
      if (valence) found.push(token.negated ? -valence : valence);
    }
    if (previous !== '<s>') families.bigrams.add(`b:${previous} </s>`);

    const features = new Map<number, number>();
    for (const keys of Object.values(families)) {
      const value = 1 / Math.sqrt(keys.size); // L2-normalised per family: long texts don't outweigh short ones
      for (const key of keys) {
        const index = hashBucket(key);
        features.set(index, (features.get(index) ?? 0) + value);
      }
    }
    lexiconFeatures(found).forEach((value, k) => value !== 0 && features.set(SENTIMENT_HASH_SIZE + k, value));

    const indices = Int32Array.from(features.keys()).sort();
    return { indices, values: Float32Array.from(indices, (index) => features.get(index)!) };
  }

  function featurize(text: string): Float32Array {
    const dense = new Float32Array(SENTIMENT_FEATURE_SIZE);
    const { indices, values } = sparse(text);
    indices.forEach((index, k) => (dense[index] = values[k]!));
    return dense;
  }

  return { id: SENTIMENT_FEATURIZER_ID, featureSize: SENTIMENT_FEATURE_SIZE, tokenize, sparse, featurize };
}
