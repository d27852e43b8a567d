import type { SparseFeatures } from '../../../lib/featurize/text';

export interface NaiveBayesScalingOptions {
  /** Only features below this index are scaled (the hashed region); the dense lexicon features keep scale 1. */
  scaledBelow: number;
  /** Laplace smoothing of the per-class feature counts. */
  smoothing: number;
  /** How strongly the log-count ratio stretches a feature: scale = 1 + emphasis·|r|. */
  emphasis: number;
}

/**
 * Per-feature scales from naive Bayes log-count ratios (Wang & Manning 2012, "NBSVM"): features that
 * separate the classes in the training rows are stretched, so the L2 penalty shrinks them less.
 * The logistic model learnt on scaled rows is still linear in the raw features (w_raw = scale ∘ w), so
 * the scales are folded into the exported weights and the featurizer stays unchanged.
 */
export function naiveBayesScales(
  rows: readonly SparseFeatures[],
  labels: readonly (0 | 1)[],
  featureCount: number,
  options: NaiveBayesScalingOptions,
): Float64Array {
  const positive = new Float64Array(featureCount);
  const negative = new Float64Array(featureCount);
  rows.forEach((row, i) => {
    const counts = labels[i] === 1 ? positive : negative;
    for (const index of row.indices) counts[index]! += 1; // presence, not magnitude
  });
  let positiveTotal = 0;
  let negativeTotal = 0;
  for (let j = 0; j < options.scaledBelow; j++) {
    positiveTotal += positive[j]! + options.smoothing;
    negativeTotal += negative[j]! + options.smoothing;
  }
  const scales = new Float64Array(featureCount).fill(1);
  for (let j = 0; j < options.scaledBelow; j++) {
    const ratio = Math.log((positive[j]! + options.smoothing) / positiveTotal / ((negative[j]! + options.smoothing) / negativeTotal));
    scales[j] = 1 + options.emphasis * Math.abs(ratio);
  }
  return scales;
}

export function scaleRow(row: SparseFeatures, scales: Float64Array): SparseFeatures {
  return { indices: row.indices, values: Float32Array.from(row.values, (value, k) => value * scales[row.indices[k]!]!) };
}
