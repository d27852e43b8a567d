import type { SentimentLabel } from '../contract';

/**
 * |score| at or below this is reported as neutral even when the text holds opinion words.
 * score = P(positive) − P(negative). Tuned with the opinion-evidence rule (`npm run models:eval -- --tune-neutral`):
 * once texts without opinion evidence are neutral, a band around 0 turns more held-out opinionated sentences
 * neutral than it gains on factual ones, so only an exact tie is neutral.
 */
export const SENTIMENT_NEUTRAL_BAND = 0;

export interface SentimentReading {
  label: SentimentLabel;
  /** P(positive) − P(negative), in [-1, 1]. */
  score: number;
  /**
   * The probability of the reported class. The model has no neutral class, so for neutral this is
   * max(P(positive), P(negative)): how sure the model would have been of its lean.
   */
  probability: number;
}

/**
 * The served reading of the ONNX output [P(negative), P(positive)]. The model only knows positive and
 * negative, and leans on any text; a text without opinion evidence (see opinion-evidence.ts) is neutral
 * whatever the lean.
 */
export function readSentiment(
  negative: number,
  positive: number,
  hasOpinionEvidence: boolean,
  neutralBand: number = SENTIMENT_NEUTRAL_BAND,
): SentimentReading {
  const score = Math.max(-1, Math.min(1, positive - negative));
  const probability = Math.max(negative, positive);
  if (!hasOpinionEvidence || Math.abs(score) <= neutralBand) return { label: 'neutral', score, probability };
  return { label: score > 0 ? 'positive' : 'negative', score, probability };
}
