import { describe, expect, it } from 'vitest';
import type { SparseFeatures } from '../../../lib/featurize/text';
import { minimizeLbfgs } from './lbfgs';
import { logOdds, trainLogisticRegression } from './logistic-regression';
import { assignFolds, seededPermutation } from './seeded-folds';

const row = (entries: Record<number, number>): SparseFeatures => {
  const indices = Int32Array.from(Object.keys(entries).map(Number)).sort();
  return { indices, values: Float32Array.from(indices, (i) => entries[i]!) };
};

describe('L-BFGS', () => {
  it('finds the minimum of a badly scaled quadratic', () => {
    const { x } = minimizeLbfgs(
      (p, g) => {
        g[0] = 2 * (p[0]! - 3);
        g[1] = 200 * (p[1]! + 1);
        return (p[0]! - 3) ** 2 + 100 * (p[1]! + 1) ** 2;
      },
      new Float64Array(2),
      { maxIterations: 100, gradientTolerance: 1e-9 },
    );
    expect(x[0]).toBeCloseTo(3, 6);
    expect(x[1]).toBeCloseTo(-1, 6);
  });
});

describe('logistic regression', () => {
  // Feature 0 mostly means positive, feature 1 mostly negative, feature 2 is noise; the exceptions keep it non-separable.
  const entries: Record<number, number>[] = [{ 0: 1 }, { 0: 1, 2: 1 }, { 0: 1 }, { 0: 1, 2: 1 }, { 1: 1 }, { 1: 1, 2: 1 }, { 1: 1 }, { 1: 1, 2: 1 }];
  const rows = entries.map(row);
  const labels = [1, 1, 1, 0, 0, 0, 0, 1] as const;

  it('learns the direction of each feature and is bit-for-bit deterministic', () => {
    const model = trainLogisticRegression(rows, labels, 4, { l2: 0.01 });
    expect(model.weights[0]).toBeGreaterThan(0);
    expect(model.weights[1]).toBeLessThan(0);
    expect(model.weights[3]).toBe(0); // never seen in training
    expect(logOdds(model, row({ 0: 1 }))).toBeGreaterThan(0);
    expect(trainLogisticRegression(rows, labels, 4, { l2: 0.01 })).toEqual(model);
  });

  it('shrinks weights as the L2 penalty grows', () => {
    const loose = trainLogisticRegression(rows, labels, 4, { l2: 0.001 });
    const tight = trainLogisticRegression(rows, labels, 4, { l2: 1 });
    expect(Math.abs(tight.weights[0]!)).toBeLessThan(Math.abs(loose.weights[0]!));
  });
});

describe('seeded folds', () => {
  it('are the same for the same seed, different for another, and balanced', () => {
    expect(assignFolds(3000, 10, 42)).toEqual(assignFolds(3000, 10, 42));
    expect(seededPermutation(100, 1)).not.toEqual(seededPermutation(100, 2));
    const sizes = new Map<number, number>();
    for (const f of assignFolds(3000, 10, 42)) sizes.set(f, (sizes.get(f) ?? 0) + 1);
    expect([...sizes.values()]).toEqual(Array(10).fill(300));
  });
});
