import { createSentimentFeaturizer } from '../../../lib/featurize/text';
import { loadAfinnLexicon } from './afinn-lexicon';
import { SENTIMENT_SEED } from './build-sentiment';
import { loadSentimentCorpus, type LabelledSentence } from './corpus';
import { LEXICON_BASELINES } from './lexicon-baselines';
import { logOdds } from './logistic-regression';
import { assignFolds, splitFold } from './seeded-folds';
import { selectL2 } from './select-l2';
import { SENTIMENT_RECIPE, fitSentimentClassifier } from './train-sentiment';

export interface MethodAccuracy {
  name: string;
  rule: string;
  /** Correct held-out predictions over all folds / sentences. */
  accuracy: number;
  foldAccuracies: number[];
}

export interface CrossValidation {
  folds: number;
  seed: number;
  samples: number;
  /** Ours first, then the lexicon baselines, all scored on the same folds. */
  methods: MethodAccuracy[];
  /** Our held-out score P(positive) − P(negative) for each sentence, in corpus order. */
  heldOutScores: Float64Array;
  /** The fold each sentence was held out in, in corpus order. */
  fold: Int32Array;
  /** The L2 penalty used in each fold (fixed, or chosen inside the fold when l2Grid is given). */
  foldL2: number[];
  ms: number;
}

export interface CrossValidationOptions {
  folds?: number;
  seed?: number;
  corpus?: readonly LabelledSentence[];
  /** When given, each outer fold picks its L2 penalty from this grid by a 3-fold CV on its own training part. */
  l2Grid?: readonly number[];
}

/** k-fold cross-validation (folds from a seeded shuffle) of our recipe next to the lexicon baselines. */
export function crossValidateSentiment(options: CrossValidationOptions = {}): CrossValidation {
  const started = performance.now();
  const { folds = 10, seed = SENTIMENT_SEED, corpus = loadSentimentCorpus(), l2Grid } = options;
  const featurizer = createSentimentFeaturizer(loadAfinnLexicon());
  const rows = corpus.map((sentence) => featurizer.sparse(sentence.text));
  const labels = corpus.map((sentence) => sentence.label);
  const fold = assignFolds(corpus.length, folds, seed);

  const heldOutScores = new Float64Array(corpus.length);
  const foldL2: number[] = [];
  for (let k = 0; k < folds; k++) {
    const { train, test } = splitFold(fold, k);
    const trainRows = train.map((i) => rows[i]!);
    const trainLabels = train.map((i) => labels[i]!);
    const l2 = l2Grid ? selectL2(trainRows, trainLabels, l2Grid, { folds: 3, seed: seed + k + 1 }).l2 : SENTIMENT_RECIPE.l2;
    foldL2.push(l2);
    const model = fitSentimentClassifier(trainRows, trainLabels, { ...SENTIMENT_RECIPE, l2 });
    // P(pos) − P(neg) = 2σ(z) − 1 = tanh(z/2), scored in float64 here; train-sentiment.spec.ts checks the ONNX export agrees.
    for (const i of test) heldOutScores[i] = Math.tanh(logOdds(model, rows[i]!) / 2);
  }

  const score = (name: string, rule: string, predictsPositive: (i: number) => boolean): MethodAccuracy => {
    const correct = corpus.map((sentence, i) => (predictsPositive(i) ? 1 : 0) === sentence.label);
    const foldAccuracies = Array.from({ length: folds }, (_, k) => {
      const { test } = splitFold(fold, k);
      return test.filter((i) => correct[i]).length / test.length;
    });
    return { name, rule, accuracy: correct.filter(Boolean).length / corpus.length, foldAccuracies };
  };
  const ours = score('modelwire', l2Grid ? `λ tuned in-fold from ${l2Grid.join(', ')}` : `λ = ${SENTIMENT_RECIPE.l2}`, (i) => heldOutScores[i]! > 0);
  const baselines = LEXICON_BASELINES.map((baseline) => {
    const positive = corpus.map((sentence) => baseline.isPositive(sentence.text));
    return score(baseline.name, baseline.rule, (i) => positive[i]!);
  });
  return { folds, seed, samples: corpus.length, methods: [ours, ...baselines], heldOutScores, fold, foldL2, ms: performance.now() - started };
}
