// The neutral half of `npm run models:eval`: builds the model into a temporary directory, reads the check, sanity
// and tuning sets through it as a request would, and scores the neutral rule on held-out corpus sentences.
import { loadAfinnLexicon } from './afinn-lexicon';
import { loadSentimentCorpus } from './corpus';
import type { CrossValidation } from './cross-validate';
import { NEUTRAL_CHECK_SET } from './neutral-check-set';
import { measureNeutralReading } from './neutral-measurement';
import { SERVED_NEUTRAL_RULE, gridOf, scoreNeutralRules, type NeutralRuleScore } from './neutral-rule-tuning';
import { NEUTRAL_TUNING_SET } from './neutral-tuning-set';
import { OPINION_SANITY_SET } from './opinion-sanity-set';
import { buildTemporarySentimentModel } from './temporary-model';

const percent = (x: number) => `${(100 * x).toFixed(2)}%`;
const describeRule = ({ rule }: NeutralRuleScore) =>
  `smoothing ${rule.smoothing}, min |log ratio| ${rule.minLogRatio}, min |valence| ${rule.minLexiconValence}, band ${rule.neutralBand}`;
const describeScore = (score: NeutralRuleScore) =>
  `J ${score.youden.toFixed(3)}  tuning set neutral ${percent(score.factualNeutral)}  held-out labelled neutral ${percent(score.opinionatedNeutral)}  ` +
  `3-way accuracy ${percent(score.threeWayAccuracy)} (${percent(score.threeWayAccuracy / (1 - score.opinionatedNeutral))} of those not neutral)`;

export async function printNeutralEvaluation(cv: CrossValidation, tune: boolean): Promise<void> {
  const built = await buildTemporarySentimentModel();
  try {
    const measured = await measureNeutralReading(built.model);
    const data = { corpus: loadSentimentCorpus(), cv, lexicon: loadAfinnLexicon(), factual: measured.tuning };
    const [served] = scoreNeutralRules(data, gridOf(SERVED_NEUTRAL_RULE));
    console.log(`\nNeutral reading (served rule: ${describeRule(served!)}), through the built model:`);
    console.log(`  check set (${NEUTRAL_CHECK_SET.length} factual texts, never tuned on) read as neutral: ${percent(measured.checkNeutral)}`);
    console.log(`  opinion sanity set (${OPINION_SANITY_SET.length} texts) keeping its own label: ${percent(measured.sanityKept)}`);
    console.log(`  tuning set (${NEUTRAL_TUNING_SET.length} factual texts) and held-out labelled sentences: ${describeScore(served!)}`);
    console.log(`  check set texts not read as neutral: ${JSON.stringify(measured.checkMisses)}`);
    console.log(`  sanity texts that lost their label: ${JSON.stringify(measured.sanityMisses)}`);
    if (!tune) return;
    const ranked = scoreNeutralRules(data);
    const rank = ranked.findIndex((score) => describeRule(score) === describeRule(served!)) + 1;
    console.log(`\nNeutral rule grid (${ranked.length} rules) by J = tuning-set neutral share − held-out labelled neutral share; served rule ranks ${rank}:`);
    for (const score of ranked.slice(0, 10)) console.log(`  ${describeScore(score)}  ← ${describeRule(score)}`);
  } finally {
    await built.remove();
  }
}
