import { describe, expect, it } from 'vitest';
import { SENTIMENT_NEUTRAL_BAND, readSentiment } from './sentiment-label';

describe('readSentiment', () => {
  it('labels by the sign of P(positive) − P(negative) outside the neutral band', () => {
    expect(readSentiment(0.1, 0.9, true)).toEqual({ label: 'positive', score: expect.closeTo(0.8, 9), probability: 0.9 });
    expect(readSentiment(0.95, 0.05, true)).toEqual({ label: 'negative', score: expect.closeTo(-0.9, 9), probability: 0.95 });
  });

  it('is neutral inside the band, reporting the larger probability', () => {
    const edge = (1 + SENTIMENT_NEUTRAL_BAND) / 2 - 0.01;
    expect(readSentiment(1 - edge, edge, true)).toMatchObject({ label: 'neutral', probability: edge });
    expect(readSentiment(0.5, 0.5, true).label).toBe('neutral');
  });

  it('is neutral when the text has no known word, however strong the lean', () => {
    expect(readSentiment(0.02, 0.98, false)).toMatchObject({ label: 'neutral', score: expect.closeTo(0.96, 9), probability: 0.98 });
  });
});
