import type { SparseFeatures } from '../../../lib/featurize/text';
import { minimizeLbfgs } from './lbfgs';

export interface LogisticModel {
  /** One weight per input feature (the full featurizer width). */
  weights: Float64Array;
  bias: number;
  /** L-BFGS iterations used, recorded in the sidecar. */
  iterations: number;
}

export interface LogisticTrainingOptions {
  /** L2 penalty λ on the weights (not the bias); the objective is mean log-loss + λ/2·‖w‖². */
  l2: number;
  maxIterations?: number;
  gradientTolerance?: number;
}

/**
 * The rows as one compressed sparse row matrix, re-indexed onto the columns that occur in training
 * so the optimiser never touches the empty rest of the hashed feature space.
 */
function compact(rows: readonly SparseFeatures[]) {
  const columnOf = new Map<number, number>();
  const columns: number[] = [];
  const rowStart = new Int32Array(rows.length + 1);
  rows.forEach((row, i) => (rowStart[i + 1] = rowStart[i]! + row.indices.length));
  const cells = new Int32Array(rowStart[rows.length]!);
  const values = new Float64Array(cells.length);
  rows.forEach((row, i) => {
    row.indices.forEach((index, k) => {
      let column = columnOf.get(index);
      if (column === undefined) {
        column = columns.length;
        columnOf.set(index, column);
        columns.push(index);
      }
      cells[rowStart[i]! + k] = column;
      values[rowStart[i]! + k] = row.values[k]!;
    });
  });
  return { rowStart, cells, values, columns };
}

/** Binary L2-regularised logistic regression, trained full-batch with L-BFGS from zero: deterministic. */
export function trainLogisticRegression(
  rows: readonly SparseFeatures[],
  labels: readonly (0 | 1)[],
  featureCount: number,
  options: LogisticTrainingOptions,
): LogisticModel {
  const { rowStart, cells, values, columns } = compact(rows);
  const width = columns.length;
  const n = rows.length;
  const signs = Float64Array.from(labels, (label) => (label === 1 ? 1 : -1));
  const l2 = options.l2;

  // Parameters: [w_0 .. w_{width-1}, bias].
  const objective = (params: Float64Array, gradient: Float64Array) => {
    let penalty = 0;
    for (let j = 0; j < width; j++) {
      penalty += params[j]! * params[j]!;
      gradient[j] = l2 * params[j]!;
    }
    const bias = params[width]!;
    let loss = 0;
    let biasGradient = 0;
    for (let i = 0; i < n; i++) {
      const start = rowStart[i]!;
      const end = rowStart[i + 1]!;
      let z = bias;
      for (let k = start; k < end; k++) z += params[cells[k]!]! * values[k]!;
      const yz = signs[i]! * z;
      loss += yz > 0 ? Math.log1p(Math.exp(-yz)) : -yz + Math.log1p(Math.exp(yz));
      const coefficient = -signs[i]! / (1 + Math.exp(yz)) / n; // d(loss_i / n)/dz
      for (let k = start; k < end; k++) gradient[cells[k]!] = gradient[cells[k]!]! + coefficient * values[k]!;
      biasGradient += coefficient;
    }
    gradient[width] = biasGradient;
    return loss / n + 0.5 * l2 * penalty;
  };

  const { x, iterations } = minimizeLbfgs(objective, new Float64Array(width + 1), {
    maxIterations: options.maxIterations ?? 300,
    gradientTolerance: options.gradientTolerance ?? 1e-5,
  });
  const weights = new Float64Array(featureCount);
  columns.forEach((index, column) => (weights[index] = x[column]!));
  return { weights, bias: x[width]!, iterations };
}

/** The model's log-odds of "positive" for one row. */
export function logOdds(model: LogisticModel, row: SparseFeatures): number {
  let z = model.bias;
  for (let k = 0; k < row.indices.length; k++) z += model.weights[row.indices[k]!]! * row.values[k]!;
  return z;
}
