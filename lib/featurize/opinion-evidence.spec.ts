import { describe, expect, it } from 'vitest';
import { MIN_LEXICON_VALENCE, createOpinionEvidence, opinionVocabulary } from './opinion-evidence';
import { createSentimentReader } from './sentiment-reader';
import { SENTIMENT_FEATURE_SIZE } from './text';

const lexicon = { valences: { good: 3, please: 1, awful: -3, 'Naïve': -2, 'cool stuff': 3 }, negators: ['not'] };

describe('opinion evidence', () => {
  const hasOpinion = createOpinionEvidence(lexicon, ['refund', 'delicious']);

  it('is found in opinion words and in lexicon words from MIN_LEXICON_VALENCE up, in any case or negation', () => {
    expect(MIN_LEXICON_VALENCE).toBe(2);
    expect(hasOpinion('I want a REFUND.')).toBe(true);
    expect(hasOpinion('Not good at all')).toBe(true);
    expect(hasOpinion('an awful day')).toBe(true);
    expect(hasOpinion('so naïve')).toBe(true);
  });

  it('is not found in plain facts, weak lexicon words or partial matches', () => {
    expect(hasOpinion('The meeting is at 3pm.')).toBe(false);
    expect(hasOpinion('ok')).toBe(false);
    expect(hasOpinion('Please reply by Friday.')).toBe(false);
    expect(hasOpinion('goodbye, refunds office')).toBe(false);
    expect(hasOpinion('zzxq 😀')).toBe(false);
  });

  it('takes the lexicon threshold as a parameter', () => {
    expect(opinionVocabulary(lexicon, [], 1).has('please')).toBe(true);
    expect(createOpinionEvidence(lexicon, [], 4)('an awful day')).toBe(false);
  });
});

describe('the shared sentiment reader', () => {
  const reader = createSentimentReader({ lexicon, opinionWords: ['refund'] });

  it('reads an ONNX output by the evidence in the prepared text', () => {
    expect(reader.read([0.9, 0.1], reader.prepare('The meeting is at 3pm.')).label).toBe('neutral');
    expect(reader.read([0.9, 0.1], reader.prepare('I want a refund')).label).toBe('negative');
    expect(reader.prepare('good').features).toHaveLength(SENTIMENT_FEATURE_SIZE);
  });

  it('rejects an output with fewer than two probabilities', () => {
    expect(() => reader.read([0.4], reader.prepare('good'))).toThrow(/fewer than 2/);
  });
});
