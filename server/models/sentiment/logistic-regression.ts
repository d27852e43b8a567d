import type { SparseFeatures } from '../../../lib/featurize/text';
import { minimizeLbfgs } from './lbfgs';

export interface LogisticModel {
  /** One weight per input feature (the full featurizer width). */
  weights: Float64Array;
  bias: number;
}

export interface LogisticTrainingOptions {
  /** L2 penalty λ on the weights (not the bias); the objective is mean log-loss + λ/2·‖w‖². */
  l2: number;
  maxIterations?: number;
  gradientTolerance?: number;
}

/** Rows re-indexed onto the columns that occur in training, so the optimiser never touches the empty rest. */
function compact(rows: readonly SparseFeatures[]) {
  const columnOf = new Map<number, number>();
  const columns: number[] = [];
  const compactRows = rows.map(({ indices, values }) => {
    const local = new Int32Array(indices.length);
    indices.forEach((index, k) => {
      let column = columnOf.get(index);
      if (column === undefined) {
        column = columns.length;
        columnOf.set(index, column);
        columns.push(index);
      }
      local[k] = column;
    });
    return { indices: local, values };
  });
  return { compactRows, columns };
}

/** Binary L2-regularised logistic regression, trained full-batch with L-BFGS from zero: deterministic. */
export function trainLogisticRegression(
  rows: readonly SparseFeatures[],
  labels: readonly (0 | 1)[],
  featureCount: number,
  options: LogisticTrainingOptions,
): LogisticModel {
  const { compactRows, columns } = compact(rows);
  const width = columns.length;
  const n = rows.length;
  const margins = new Float64Array(n);
  const signs = labels.map((label) => (label === 1 ? 1 : -1));

  // Parameters: [w_0 .. w_{width-1}, bias].
  const objective = (params: Float64Array, gradient: Float64Array) => {
    const bias = params[width]!;
    let loss = 0;
    let penalty = 0;
    for (let j = 0; j < width; j++) {
      penalty += params[j]! * params[j]!;
      gradient[j] = options.l2 * params[j]!;
    }
    gradient[width] = 0;
    for (let i = 0; i < n; i++) {
      const { indices, values } = compactRows[i]!;
      let z = bias;
      for (let k = 0; k < indices.length; k++) z += params[indices[k]!]! * values[k]!;
      const yz = signs[i]! * z;
      margins[i] = yz;
      loss += yz > 0 ? Math.log1p(Math.exp(-yz)) : -yz + Math.log1p(Math.exp(yz));
      const coefficient = (-signs[i]! / (1 + Math.exp(yz))) / n; // d loss_i / d z, averaged
      for (let k = 0; k < indices.length; k++) gradient[indices[k]!]! += coefficient * values[k]!;
      gradient[width]! += coefficient;
    }
    return loss / n + 0.5 * options.l2 * penalty;
  };

  const { x } = minimizeLbfgs(objective, new Float64Array(width + 1), {
    maxIterations: options.maxIterations ?? 300,
    gradientTolerance: options.gradientTolerance ?? 1e-6,
  });
  const weights = new Float64Array(featureCount);
  columns.forEach((index, column) => (weights[index] = x[column]!));
  return { weights, bias: x[width]! };
}

/** The model's log-odds of "positive" for one row. */
export function logOdds(model: LogisticModel, row: SparseFeatures): number {
  let z = model.bias;
  for (let k = 0; k < row.indices.length; k++) z += model.weights[row.indices[k]!]! * row.values[k]!;
  return z;
}
