import { invalidInput } from '../../../lib/model-wire-error';
import { fitsFloat32 } from './validate-training-data';

/** Training data as the worker thread receives it: `rows` × `width` features row-major in `x`, one target per row. */
export interface TrainingSet {
  x: Float64Array<ArrayBuffer>;
  y: Float64Array<ArrayBuffer>;
  rows: number;
  width: number;
  ridge: number;
}

export interface LeastSquaresFit {
  coefficients: number[];
  intercept: number;
  /** Coefficient of determination on the training data (1 when y is constant and fitted exactly). */
  r2: number;
}

/**
 * Ordinary least squares with an intercept, optionally ridge-penalised (the intercept is never penalised).
 * Centres the data, then solves (XcᵀXc + λI)β = Xcᵀyc by Gaussian elimination with partial pivoting in float64.
 * Refuses (invalid_input) a fit whose numbers are not finite or do not fit the float32 ONNX model.
 */
export function fitLeastSquares(set: TrainingSet): LeastSquaresFit {
  const { x, y, rows: n, width: d, ridge } = set;
  const xMean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) xMean[j]! += x[i * d + j]! / n;
  let yMean = 0;
  for (let i = 0; i < n; i++) yMean += y[i]! / n;

  // Normal equations, augmented with the right-hand side as column d.
  const system = Array.from({ length: d }, () => new Array<number>(d + 1).fill(0));
  const centred = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) centred[j] = x[i * d + j]! - xMean[j]!;
    const yc = y[i]! - yMean;
    for (let a = 0; a < d; a++) {
      const xa = centred[a]!;
      const equation = system[a]!;
      for (let b = a; b < d; b++) equation[b]! += xa * centred[b]!;
      equation[d]! += xa * yc;
    }
  }
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < a; b++) system[a]![b] = system[b]![a]!;
    system[a]![a]! += ridge;
  }

  const coefficients = solve(system, d);
  const intercept = yMean - coefficients.reduce((sum, beta, j) => sum + beta * xMean[j]!, 0);
  const fit = { coefficients, intercept, r2: rSquared(set, coefficients, intercept, yMean) };
  assertRepresentable(fit);
  return fit;
}

function assertRepresentable({ coefficients, intercept, r2 }: LeastSquaresFit): void {
  if (![...coefficients, intercept, r2].every(Number.isFinite)) {
    throw invalidInput('The data overflow double precision; scale them (for example to unit variance) and train again.');
  }
  if (![...coefficients, intercept].every(fitsFloat32)) {
    throw invalidInput('The fitted coefficients overflow float32, the precision the ONNX model computes in; scale the data and train again.');
  }
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

function rSquared({ x, y, rows: n, width: d }: TrainingSet, beta: number[], intercept: number, yMean: number): number {
  let residual = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    let predicted = intercept;
    for (let j = 0; j < d; j++) predicted += x[i * d + j]! * beta[j]!;
    residual += (y[i]! - predicted) ** 2;
    total += (y[i]! - yMean) ** 2;
  }
  return total === 0 ? (residual < 1e-18 ? 1 : 0) : 1 - residual / total;
}
