import Sentiment from 'sentiment';
import vader from 'vader-sentiment';

/** A lexicon scorer turned into a positive/negative classifier by a fixed rule (no training). */
export interface LexiconBaseline {
  name: string;
  rule: string;
  isPositive(text: string): boolean;
}

/** VADER's documented threshold for "positive" is compound ≥ 0.05; everything else counts as negative here. */
export const VADER_BASELINE: LexiconBaseline = {
  name: 'vader',
  rule: 'compound ≥ 0.05',
  isPositive: (text) => vader.SentimentIntensityAnalyzer.polarity_scores(text).compound >= 0.05,
};

const afinn = new Sentiment();

/** AFINN sum > 0 (a zero score, i.e. no lexicon word or a tie, counts as negative: better than ≥ 0 here). */
export const AFINN_BASELINE: LexiconBaseline = {
  name: 'afinn',
  rule: 'score > 0',
  isPositive: (text) => afinn.analyze(text).score > 0,
};

export const LEXICON_BASELINES = [VADER_BASELINE, AFINN_BASELINE] as const;
