import { wordsOf } from '../../../lib/featurize/opinion-evidence';
import type { LabelledSentence } from './corpus';

export interface OpinionWordOptions {
  /** Pseudo-count added to each class's sentence count of a word: rare words need more sentences to qualify. */
  smoothing: number;
  /** A word qualifies when |log(P(word | positive) / P(word | negative))| reaches this. */
  minLogRatio: number;
}

/** The words of each sentence, once each, as the opinion rule sees them; tokenise once when scoring many rules. */
export const sentenceWords = (sentences: readonly LabelledSentence[]): string[][] => sentences.map((sentence) => [...new Set(wordsOf(sentence.text))]);

/**
 * The words that lean clearly to one class: per word, the share of positive and of negative sentences holding it,
 * each smoothed by `smoothing` pseudo-sentences, and their log ratio. "the" or "is" sit near 0, "refund" or
 * "delicious" far from it. Sorted, so the sidecar is reproducible.
 */
export function findOpinionWords(
  sentences: readonly LabelledSentence[],
  options: OpinionWordOptions,
  words: readonly string[][] = sentenceWords(sentences),
): string[] {
  const counts = new Map<string, [negative: number, positive: number]>();
  const classSizes = [0, 0];
  sentences.forEach((sentence, i) => {
    classSizes[sentence.label]!++;
    for (const word of words[i]!) {
      const count = counts.get(word) ?? [0, 0];
      count[sentence.label]++;
      counts.set(word, count);
    }
  });
  const share = (count: number, label: 0 | 1) => (count + options.smoothing) / (classSizes[label]! + 2 * options.smoothing);
  const leaning: string[] = [];
  for (const [word, [negative, positive]] of counts) {
    if (Math.abs(Math.log(share(positive, 1) / share(negative, 0))) >= options.minLogRatio) leaning.push(word);
  }
  return leaning.sort();
}

/** Tuned with the reading rule's other parameters by `npm run models:eval -- --tune-neutral` (neutral-rule-tuning.ts). */
export const OPINION_WORD_RECIPE: OpinionWordOptions = { smoothing: 4, minLogRatio: 0.7 };
