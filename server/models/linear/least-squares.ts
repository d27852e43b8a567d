import { invalidInput } from '../../../lib/model-wire-error';

export interface LeastSquaresFit {
  coefficients: number[];
  intercept: number;
  /** Coefficient of determination on the training data (1 when y is constant and fitted exactly). */
  r2: number;
}

/**
 * Ordinary least squares with an intercept, optionally ridge-penalised (the intercept is never penalised).
 * Centres the data, then solves (XcᵀXc + λI)β = Xcᵀyc by Gaussian elimination with partial pivoting in float64.
 */
export function fitLeastSquares(X: number[][], y: number[], ridge = 0): LeastSquaresFit {
  const n = X.length;
  const d = X[0]!.length;
  const xMean = new Array<number>(d).fill(0);
  for (const row of X) for (let j = 0; j < d; j++) xMean[j]! += row[j]! / n;
  const yMean = y.reduce((sum, value) => sum + value, 0) / n;

  // Normal equations, augmented with the right-hand side as column d.
  const system = Array.from({ length: d }, () => new Array<number>(d + 1).fill(0));
  for (let i = 0; i < n; i++) {
    const row = X[i]!;
    const yc = y[i]! - yMean;
    for (let a = 0; a < d; a++) {
      const xa = row[a]! - xMean[a]!;
      const equation = system[a]!;
      for (let b = a; b < d; b++) equation[b]! += xa * (row[b]! - xMean[b]!);
      equation[d]! += xa * yc;
    }
  }
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < a; b++) system[a]![b] = system[b]![a]!;
    system[a]![a]! += ridge;
  }

  const coefficients = solve(system, d);
  const intercept = yMean - coefficients.reduce((sum, beta, j) => sum + beta * xMean[j]!, 0);
  return { coefficients, intercept, r2: rSquared(X, y, coefficients, intercept, yMean) };
}

function solve(system: number[][], d: number): number[] {
  const scale = Math.max(1e-300, ...system.map((row, i) => Math.abs(row[i]!)));
  for (let col = 0; col < d; col++) {
    let pivot = col;
    for (let r = col + 1; r < d; r++) if (Math.abs(system[r]![col]!) > Math.abs(system[pivot]![col]!)) pivot = r;
    if (Math.abs(system[pivot]![col]!) <= scale * 1e-12) {
      throw invalidInput(
        'The features are linearly dependent (or there are too few distinct rows), so least squares has no unique answer. Add rows, drop a redundant feature, or set ridge > 0.',
      );
    }
    [system[col], system[pivot]] = [system[pivot]!, system[col]!];
    const pivotRow = system[col]!;
    for (let r = col + 1; r < d; r++) {
      const factor = system[r]![col]! / pivotRow[col]!;
      if (factor === 0) continue;
      for (let c = col; c <= d; c++) system[r]![c]! -= factor * pivotRow[c]!;
    }
  }
  const beta = new Array<number>(d).fill(0);
  for (let r = d - 1; r >= 0; r--) {
    let rest = system[r]![d]!;
    for (let c = r + 1; c < d; c++) rest -= system[r]![c]! * beta[c]!;
    beta[r] = rest / system[r]![r]!;
  }
  return beta;
}

function rSquared(X: number[][], y: number[], beta: number[], intercept: number, yMean: number): number {
  let residual = 0;
  let total = 0;
  X.forEach((row, i) => {
    const predicted = row.reduce((sum, x, j) => sum + x * beta[j]!, intercept);
    residual += (y[i]! - predicted) ** 2;
    total += (y[i]! - yMean) ** 2;
  });
  return total === 0 ? (residual < 1e-18 ? 1 : 0) : 1 - residual / total;
}
