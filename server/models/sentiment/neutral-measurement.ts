import type { SentimentReading } from '../../../lib/featurize/sentiment-label';
import type { ServedModel } from '../../core/served-model';
import { NEUTRAL_CHECK_SET } from './neutral-check-set';
import { NEUTRAL_TUNING_SET } from './neutral-tuning-set';
import { OPINION_SANITY_SET } from './opinion-sanity-set';

export interface NeutralMeasurement {
  /** Share of NEUTRAL_CHECK_SET the model reads as neutral, and the texts it does not. */
  checkNeutral: number;
  checkMisses: string[];
  /** Share of OPINION_SANITY_SET read with its own label (not neutral, not the opposite), and the misses. */
  sanityKept: number;
  sanityMisses: string[];
  /** NEUTRAL_TUNING_SET with the model's scores, for scoreNeutralRules. */
  tuning: Array<{ text: string; score: number }>;
}

async function readingOf(model: ServedModel, text: string): Promise<SentimentReading> {
  const { output } = await model.predict({ kind: 'text', text }, {});
  if (output.kind !== 'sentiment') throw new Error(`the sentiment model answered ${output.kind}`);
  return output;
}

/** Runs the check, sanity and tuning sets through a served sentiment model: the same path as a request. */
export async function measureNeutralReading(model: ServedModel): Promise<NeutralMeasurement> {
  const check = await Promise.all(NEUTRAL_CHECK_SET.map((text) => readingOf(model, text)));
  const sanity = await Promise.all(OPINION_SANITY_SET.map(({ text }) => readingOf(model, text)));
  const tuning = await Promise.all(NEUTRAL_TUNING_SET.map(async (text) => ({ text, score: (await readingOf(model, text)).score })));
  const checkMisses = NEUTRAL_CHECK_SET.filter((_, i) => check[i]!.label !== 'neutral');
  const sanityMisses = OPINION_SANITY_SET.filter((entry, i) => sanity[i]!.label !== entry.label).map(({ text }) => text);
  return {
    checkNeutral: 1 - checkMisses.length / NEUTRAL_CHECK_SET.length,
    checkMisses,
    sanityKept: 1 - sanityMisses.length / OPINION_SANITY_SET.length,
    sanityMisses,
    tuning,
  };
}
