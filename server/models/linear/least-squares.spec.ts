import { describe, expect, it } from 'vitest';
import { ModelWireError } from '../../../lib/model-wire-error';
import { fitLeastSquares, type TrainingSet } from './least-squares';

function set(X: number[][], y: number[], ridge = 0): TrainingSet {
  return { x: Float64Array.from(X.flat()), y: Float64Array.from(y), rows: X.length, width: X[0]!.length, ridge };
}

function refusal(run: () => unknown): ModelWireError | undefined {
  try {
    run();
  } catch (error) {
    return error as ModelWireError;
  }
  return undefined;
}

describe('least squares', () => {
  it('recovers y = 2·x1 − 3·x2 + 1 exactly', () => {
    const X = [[0, 0], [1, 0], [0, 1], [2, 3], [-1, 4]];
    const fit = fitLeastSquares(set(X, X.map(([a, b]) => 2 * a! - 3 * b! + 1)));
    expect(fit.coefficients[0]).toBeCloseTo(2, 9);
    expect(fit.coefficients[1]).toBeCloseTo(-3, 9);
    expect(fit.intercept).toBeCloseTo(1, 9);
    expect(fit.r2).toBeCloseTo(1, 12);
  });

  it('refuses linearly dependent features unless ridge is set', () => {
    const X = [[1, 2], [2, 4], [3, 6]];
    expect(refusal(() => fitLeastSquares(set(X, [1, 2, 3])))?.code).toBe('invalid_input');
    expect(Number.isFinite(fitLeastSquares(set(X, [1, 2, 3], 0.1)).r2)).toBe(true);
  });

  it('refuses a fit that overflows double precision instead of returning non-finite numbers', () => {
    const error = refusal(() => fitLeastSquares(set([[1], [2], [3]], [1e200, -1e200, 5e199])));
    expect(error?.code).toBe('invalid_input');
    expect(error?.message).toMatch(/overflow double precision; scale/);
  });

  it('refuses coefficients float32 cannot hold, since the ONNX model computes in float32', () => {
    const error = refusal(() => fitLeastSquares(set([[0], [1e-10], [2e-10]], [0, 1e30, 2e30])));
    expect(error?.code).toBe('invalid_input');
    expect(error?.message).toMatch(/float32/);
  });
});
