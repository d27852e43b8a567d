import { describe, expect, it } from 'vitest';
import { LEXICON_FEATURES, SENTIMENT_FEATURE_SIZE, SENTIMENT_HASH_SIZE, createSentimentFeaturizer } from './text';
import { normalizeText, tokenizeText } from './text-tokens';

const featurizer = createSentimentFeaturizer({ valences: { good: 3, bad: -3, great: 3, 'does not work': -3 }, negators: ['not', 'dont'] });
const lexiconSlot = (name: (typeof LEXICON_FEATURES)[number]) => SENTIMENT_HASH_SIZE + LEXICON_FEATURES.indexOf(name);
// toEqual on 65k-element typed arrays is slow; this is the same check.
const sameFloats = (a: Float32Array, b: Float32Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
const words = (text: string) => featurizer.tokenize(text).map((t) => (t.negated ? `!${t.text}` : t.text));

describe('tokenizer', () => {
  it('lower-cases, keeps inner apostrophes and splits punctuation and hyphens', () => {
    expect(tokenizeText("It's GREAT, slow-moving!").map((t) => t.text)).toEqual(["it's", 'great', ',', 'slow', 'moving', '!']);
  });

  it('marks a negation scope from a negator to the next punctuation mark', () => {
    expect(words('This is not good at all, but fine.')).toEqual(['this', 'is', 'not', '!good', '!at', '!all', ',', 'but', 'fine', '.']);
    expect(words("I don't like it")).toEqual(['i', "don't", '!like', '!it']); // any n't word negates
    expect(words('no sound. great')).toEqual(['no', '!sound', '.', 'great']); // built-in extra negators
  });

  it('is Unicode-aware: NFKC, typographic apostrophes, accents, emoji, stray control characters', () => {
    expect(normalizeText('ﬁne Ｗｏｗ')).toBe('fine wow');
    expect(tokenizeText('don\u2019t').map((t) => t.text)).toEqual(["don't"]);
    expect(tokenizeText('Québec naïve Ελληνικά 東京').map((t) => t.text)).toEqual(['québec', 'naïve', 'ελληνικά', '東京']);
    expect(tokenizeText('love 😀!')).toEqual([
      { text: 'love', kind: 'word', negated: false },
      { text: '😀', kind: 'emoji', negated: false },
      { text: '!', kind: 'punctuation', negated: false },
    ]);
    expect(tokenizeText('perfect\u0096a masterpiece').map((t) => t.text)).toEqual(['perfect', 'a', 'masterpiece']);
  });
});

describe('sentiment featurizer', () => {
  it('gives a fixed-size vector, the same every time, equal to its sparse form', () => {
    const text = 'Not bad at all — I LOVE it! 😀 Ünïcödé too.';
    const dense = featurizer.featurize(text);
    expect(dense).toBeInstanceOf(Float32Array);
    expect(dense.length).toBe(SENTIMENT_FEATURE_SIZE);
    expect(sameFloats(featurizer.featurize(text), dense)).toBe(true);
    const { indices, values } = featurizer.sparse(text);
    expect([...indices]).toEqual([...new Set(indices)].sort((a, b) => a - b));
    const fromSparse = new Float32Array(SENTIMENT_FEATURE_SIZE);
    indices.forEach((index, k) => (fromSparse[index] = values[k]!));
    expect(sameFloats(fromSparse, dense)).toBe(true);
  });

  it('ignores case and gives nothing for text without tokens', () => {
    expect(sameFloats(featurizer.featurize('GOOD Movie'), featurizer.featurize('good movie'))).toBe(true);
    expect(featurizer.sparse('   ').indices.length).toBe(0);
  });

  it('normalises each hashed family, so length alone does not grow the vector', () => {
    const norm = (text: string) => Math.hypot(...featurizer.featurize(text).subarray(0, SENTIMENT_HASH_SIZE));
    expect(norm('plain words here')).toBeCloseTo(Math.sqrt(3), 1); // unigrams, bigrams, character n-grams
    expect(norm('plain words here and many more plain words that go on')).toBeCloseTo(Math.sqrt(3), 1);
  });

  it('scores lexicon words, flipping them inside a negation scope', () => {
    const good = featurizer.featurize('a good film');
    expect(good[lexiconSlot('positive valence')]).toBeCloseTo(Math.tanh(3 / 5));
    expect(good[lexiconSlot('negative valence')]).toBe(0);
    const notGood = featurizer.featurize('not a good film');
    expect(notGood[lexiconSlot('positive valence')]).toBe(0);
    expect(notGood[lexiconSlot('negative valence')]).toBeCloseTo(Math.tanh(3 / 5));
    expect(notGood[lexiconSlot('net negative')]).toBe(1);
  });

  it('distinguishes negated from plain words and word order (bigrams)', () => {
    expect(sameFloats(featurizer.featurize('not good'), featurizer.featurize('good not'))).toBe(false);
    expect(sameFloats(featurizer.featurize('good'), featurizer.featurize('not good'))).toBe(false);
  });
});
