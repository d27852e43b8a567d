import { describe, expect, it } from 'vitest';
import { SENTIMENT_NEUTRAL_BAND, readSentiment } from './sentiment-label';

describe('readSentiment', () => {
  it('labels a text with opinion evidence by the sign of P(positive) − P(negative)', () => {
    expect(readSentiment(0.1, 0.9, true)).toEqual({ label: 'positive', score: expect.closeTo(0.8, 9), probability: 0.9 });
    expect(readSentiment(0.95, 0.05, true)).toEqual({ label: 'negative', score: expect.closeTo(-0.9, 9), probability: 0.95 });
    expect(readSentiment(0.45, 0.55, true, 0.2).label).toBe('neutral');
  });

  it('is neutral at a tie (the served band) whatever the evidence', () => {
    expect(readSentiment(0.5, 0.5, true).label).toBe('neutral');
    const edge = (1 + SENTIMENT_NEUTRAL_BAND) / 2 + 0.01;
    expect(readSentiment(1 - edge, edge, true).label).toBe('positive');
  });

  it('is neutral without opinion evidence, however strong the lean, reporting the larger probability', () => {
    expect(readSentiment(0.913, 0.087, false)).toMatchObject({ label: 'neutral', score: expect.closeTo(-0.826, 9), probability: 0.913 });
    expect(readSentiment(0.02, 0.98, false)).toMatchObject({ label: 'neutral', score: expect.closeTo(0.96, 9), probability: 0.98 });
  });
});
