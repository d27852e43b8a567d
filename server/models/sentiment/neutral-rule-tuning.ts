import { MIN_LEXICON_VALENCE, holdsOpinionWord, opinionVocabulary, wordsOf } from '../../../lib/featurize/opinion-evidence';
import { SENTIMENT_NEUTRAL_BAND, readSentiment } from '../../../lib/featurize/sentiment-label';
import type { SentimentLexicon } from '../../../lib/featurize/text';
import type { LabelledSentence } from './corpus';
import type { CrossValidation } from './cross-validate';
import { OPINION_WORD_RECIPE, findOpinionWords, sentenceWords } from './opinion-words';
import { splitFold } from './seeded-folds';

/** The parameters of the neutral reading: two shape the build's opinion words, two are read-time constants. */
export interface NeutralRule {
  smoothing: number;
  minLogRatio: number;
  minLexiconValence: number;
  neutralBand: number;
}

export const SERVED_NEUTRAL_RULE: NeutralRule = { ...OPINION_WORD_RECIPE, minLexiconValence: MIN_LEXICON_VALENCE, neutralBand: SENTIMENT_NEUTRAL_BAND };

export const NEUTRAL_RULE_GRID = {
  smoothing: [1, 2, 4, 8],
  minLogRatio: [0.5, 0.7, 0.9, 1.1, 1.3],
  minLexiconValence: [1, 2, 3],
  neutralBand: [0, 0.1, 0.2, 0.3],
} as const;

export interface NeutralRuleScore {
  rule: NeutralRule;
  /** Share of the factual texts read as neutral. */
  factualNeutral: number;
  /** Share of the labelled (opinionated) sentences read as neutral when held out. */
  opinionatedNeutral: number;
  /** factualNeutral − opinionatedNeutral (Youden's J): what the grid search maximises. */
  youden: number;
  /** Held-out sentences read with their own label (a neutral reading counts as wrong). */
  threeWayAccuracy: number;
}

/** A score P(positive) − P(negative) as the [P(negative), P(positive)] pair the model outputs. */
const probabilitiesOf = (score: number) => [(1 - score) / 2, (1 + score) / 2] as const;

export interface NeutralRuleData {
  corpus: readonly LabelledSentence[];
  /** A cross-validation of that corpus: held-out scores and folds. */
  cv: CrossValidation;
  lexicon: SentimentLexicon;
  /** Factual texts (not the check set) with their scores from the model trained on the whole corpus. */
  factual: ReadonlyArray<{ text: string; score: number }>;
}

/**
 * Scores each rule of the grid, best first. Opinion words for a held-out sentence come from its fold's training
 * part only, as in the cross-validation; for the factual texts from the whole corpus, as in the served model.
 */
export function scoreNeutralRules(data: NeutralRuleData, grid: Record<keyof NeutralRule, readonly number[]> = NEUTRAL_RULE_GRID): NeutralRuleScore[] {
  const { corpus, cv, lexicon, factual } = data;
  const corpusWords = sentenceWords(corpus);
  const factualWords = factual.map((entry) => wordsOf(entry.text));
  const folds = Array.from({ length: cv.folds }, (_, k) => splitFold(cv.fold, k));
  const isNeutral = (score: number, evidence: boolean, band: number) => readSentiment(...probabilitiesOf(score), evidence, band).label === 'neutral';
  const results: NeutralRuleScore[] = [];
  for (const smoothing of grid.smoothing) {
    for (const minLogRatio of grid.minLogRatio) {
      const options = { smoothing, minLogRatio };
      const foldWords = folds.map(({ train }) => findOpinionWords(train.map((i) => corpus[i]!), options, train.map((i) => corpusWords[i]!)));
      const allWords = findOpinionWords(corpus, options, corpusWords);
      for (const minLexiconValence of grid.minLexiconValence) {
        const heldOutEvidence = new Array<boolean>(corpus.length);
        folds.forEach(({ test }, k) => {
          const vocabulary = opinionVocabulary(lexicon, foldWords[k]!, minLexiconValence);
          for (const i of test) heldOutEvidence[i] = holdsOpinionWord(corpusWords[i]!, vocabulary);
        });
        const vocabulary = opinionVocabulary(lexicon, allWords, minLexiconValence);
        const factualEvidence = factualWords.map((words) => holdsOpinionWord(words, vocabulary));
        for (const neutralBand of grid.neutralBand) {
          const factualNeutral = factual.filter((entry, i) => isNeutral(entry.score, factualEvidence[i]!, neutralBand)).length / factual.length;
          let neutral = 0;
          let correct = 0;
          corpus.forEach((sentence, i) => {
            const score = cv.heldOutScores[i]!;
            if (isNeutral(score, heldOutEvidence[i]!, neutralBand)) neutral++;
            else if ((score > 0 ? 1 : 0) === sentence.label) correct++;
          });
          const opinionatedNeutral = neutral / corpus.length;
          const rule = { smoothing, minLogRatio, minLexiconValence, neutralBand };
          results.push({ rule, factualNeutral, opinionatedNeutral, youden: factualNeutral - opinionatedNeutral, threeWayAccuracy: correct / corpus.length });
        }
      }
    }
  }
  // Stable sort: among equal J the earlier grid entry stays first.
  return results.sort((a, b) => b.youden - a.youden);
}

/** A grid holding one rule, to score just that rule. */
export const gridOf = (rule: NeutralRule): Record<keyof NeutralRule, readonly number[]> => ({
  smoothing: [rule.smoothing],
  minLogRatio: [rule.minLogRatio],
  minLexiconValence: [rule.minLexiconValence],
  neutralBand: [rule.neutralBand],
});
