import type { SparseFeatures } from '../../../lib/featurize/text';
import { logOdds } from './logistic-regression';
import { assignFolds, splitFold } from './seeded-folds';
import { SENTIMENT_RECIPE, fitSentimentClassifier, type SentimentRecipe } from './train-sentiment';

export interface L2Selection {
  l2: number;
  /** Inner cross-validated accuracy of each candidate, in grid order. */
  accuracies: number[];
}

/**
 * Picks the L2 penalty by an inner k-fold cross-validation on the given (training) rows only, so an outer
 * test fold never influences the choice. Ties go to the earlier grid entry: list the strongest penalty first.
 */
export function selectL2(
  rows: readonly SparseFeatures[],
  labels: readonly (0 | 1)[],
  grid: readonly number[],
  options: { folds: number; seed: number; recipe?: SentimentRecipe },
): L2Selection {
  const fold = assignFolds(rows.length, options.folds, options.seed);
  const accuracies = grid.map((l2) => {
    let correct = 0;
    for (let k = 0; k < options.folds; k++) {
      const { train, test } = splitFold(fold, k);
      const model = fitSentimentClassifier(
        train.map((i) => rows[i]!),
        train.map((i) => labels[i]!),
        { ...(options.recipe ?? SENTIMENT_RECIPE), l2 },
      );
      for (const i of test) if ((logOdds(model, rows[i]!) > 0 ? 1 : 0) === labels[i]) correct++;
    }
    return correct / rows.length;
  });
  const best = accuracies.indexOf(Math.max(...accuracies));
  return { l2: grid[best]!, accuracies };
}
