import { describe, expect, it } from 'vitest';
import type { LabelledSentence } from './corpus';
import { findOpinionWords } from './opinion-words';

const sentence = (text: string, label: 0 | 1): LabelledSentence => ({ text, label, source: 'amazon' });
const corpus = [
  ...Array.from({ length: 6 }, (_, i) => sentence(`The phone is delicious ${i}.`, 1)),
  ...Array.from({ length: 6 }, (_, i) => sentence(`The phone needs a refund ${i}.`, 0)),
  sentence('The rare word.', 1),
];

describe('findOpinionWords', () => {
  it('keeps words that lean to one class and drops words both classes use', () => {
    const words = findOpinionWords(corpus, { smoothing: 1, minLogRatio: 1 });
    expect(words).toEqual(expect.arrayContaining(['delicious', 'refund', 'needs']));
    expect(words).not.toContain('the');
    expect(words).not.toContain('phone');
    expect(words).toEqual([...words].sort());
  });

  it('asks more sentences of a word as the smoothing grows', () => {
    expect(findOpinionWords(corpus, { smoothing: 1, minLogRatio: 0.5 })).toContain('rare');
    expect(findOpinionWords(corpus, { smoothing: 4, minLogRatio: 0.5 })).not.toContain('rare');
    expect(findOpinionWords(corpus, { smoothing: 4, minLogRatio: 0.5 })).toContain('refund');
  });
});
