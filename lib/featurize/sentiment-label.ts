import type { SentimentLabel } from '../contract';

/**
 * |score| below this is reported as neutral. score = P(positive) − P(negative), so the band is
 * P(positive) ∈ (0.35, 0.65). The model was trained on polar sentences only; a weak lean means the text
 * carries little sentiment it recognises (plain statements like "The package arrived on Tuesday." score
 * about ±0.3). About 9% of held-out polar sentences fall inside the band (10-fold CV).
 */
export const SENTIMENT_NEUTRAL_BAND = 0.3;

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
 * The served reading of the ONNX output [P(negative), P(positive)]. A text with no word seen in training
 * is neutral whatever the lean, since only character fragments drove it.
 */
export function readSentiment(negative: number, positive: number, knowsAWord: boolean): SentimentReading {
  const score = Math.max(-1, Math.min(1, positive - negative));
  const probability = Math.max(negative, positive);
  if (!knowsAWord || Math.abs(score) < SENTIMENT_NEUTRAL_BAND) return { label: 'neutral', score, probability };
  return { label: score > 0 ? 'positive' : 'negative', score, probability };
}
