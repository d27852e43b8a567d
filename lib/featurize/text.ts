import afinnLabels from 'sentiment/languages/en/labels.json';
import afinnNegators from 'sentiment/languages/en/negators.json';

export interface SparseFeatures {
  indices: Int32Array;
  values: Float32Array;
}

export const EXP = {
  hashBits: 16,
  unigrams: true,
  bigrams: true,
  charMin: 2,
  charMax: 5,
  charWeight: 1,
  wordWeight: 1,
  bigramWeight: 1,
  lexicon: true,
  lexWeight: 1,
};

const HASH_SIZE = () => 1 << EXP.hashBits;
export const LEXICON_FEATURE_COUNT = 8;
export const featureSize = () => HASH_SIZE() + LEXICON_FEATURE_COUNT;

const AFINN = new Map<string, number>(Object.entries(afinnLabels as Record<string, number>));
const NEGATORS = new Set([
  ...Object.keys(afinnNegators),
  'no', 'never', 'nothing', 'nobody', 'none', 'neither', 'nor', 'nowhere', 'without', 'cannot', 'hardly', 'barely',
]);

export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ');
}

const TOKEN = /[\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}\p{N}]+)*|[.!?,;:]/gu;

export function tokenize(text: string): string[] {
  return normalizeText(text).match(TOKEN) ?? [];
}

const isPunctuation = (token: string) => /^[.!?,;:]$/.test(token);
const isNegator = (token: string) => NEGATORS.has(token) || token.endsWith("n't");

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function sparseSentimentFeatures(text: string): SparseFeatures {
  const tokens = tokenize(text);
  const acc = new Map<number, number>();
  const mask = HASH_SIZE() - 1;
  const addFamily = (keys: Set<string>, weight: number) => {
    if (keys.size === 0) return;
    const v = weight / Math.sqrt(keys.size);
    for (const key of keys) {
      const index = fnv1a(key) & mask;
      acc.set(index, (acc.get(index) ?? 0) + v);
    }
  };
  const unigrams = new Set<string>();
  const bigrams = new Set<string>();
  const chars = new Set<string>();
  let negated = false;
  let previous = '<s>';
  let pos = 0, neg = 0, posCount = 0, negCount = 0, lastValence = 0;
  for (const token of tokens) {
    if (isPunctuation(token)) {
      negated = false;
      if (token === '!' ) unigrams.add('p:!');
      if (token === '?' ) unigrams.add('p:?');
      continue;
    }
    const marked = negated ? `not_${token}` : token;
    unigrams.add(`w:${marked}`);
    bigrams.add(`b:${previous} ${token}`);
    previous = token;
    const padded = ` ${token} `;
    for (let n = EXP.charMin; n <= EXP.charMax; n++) {
      for (let i = 0; i + n <= padded.length; i++) chars.add(`c:${padded.slice(i, i + n)}`);
    }
    let valence = AFINN.get(token) ?? 0;
    if (negated) valence = -valence;
    if (valence > 0) { pos += valence; posCount++; }
    if (valence < 0) { neg -= valence; negCount++; }
    if (valence !== 0) lastValence = valence;
    if (isNegator(token)) negated = true;
  }
  bigrams.add(`b:${previous} </s>`);
  if (EXP.unigrams) addFamily(unigrams, EXP.wordWeight);
  if (EXP.bigrams) addFamily(bigrams, EXP.bigramWeight);
  if (EXP.charMax > 0) addFamily(chars, EXP.charWeight);
  const base = HASH_SIZE();
  if (EXP.lexicon) {
    const lex = [
      Math.tanh(pos / 5), Math.tanh(neg / 5), Math.tanh(posCount / 3), Math.tanh(negCount / 3),
      Math.tanh((pos - neg) / 5), lastValence / 5, pos > neg ? 1 : 0, neg > pos ? 1 : 0,
    ];
    lex.forEach((v, k) => v !== 0 && acc.set(base + k, v * EXP.lexWeight));
  }
  const indices = Int32Array.from([...acc.keys()].sort((a, b) => a - b));
  const values = Float32Array.from(indices, (i) => acc.get(i)!);
  return { indices, values };
}
