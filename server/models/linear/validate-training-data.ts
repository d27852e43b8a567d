import type { TrainRequest } from '../../../lib/contract';
import { invalidInput } from '../../../lib/model-wire-error';
import type { TrainingSet } from './least-squares';

/** Numbers in one feature matrix (X for training, features for a prediction); so also at most this many rows. */
export const MAX_TRAINING_VALUES = 1_000_000;
export const MAX_FEATURES = 512;

/** The exported ONNX model computes in float32: a value it cannot hold becomes ±Infinity inside it. */
export const fitsFloat32 = (value: number) => Number.isFinite(Math.fround(value));

/** n rows of d features, row-major in float64. */
export interface FeatureMatrix {
  rows: number;
  width: number;
  values: Float64Array<ArrayBuffer>;
}

/** Names what a value is without walking into it, so a deeply nested array costs nothing to report. */
function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'number') return String(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** `field[i]` or `field[i][j]`, checked; its name is written only when it is refused (per value it cost more than the check). */
function readNumber(value: unknown, field: string, i: number, j?: number): number {
  if (typeof value === 'number' && Number.isFinite(value) && fitsFloat32(value)) return value;
  const where = `${field}[${i}]${j === undefined ? '' : `[${j}]`}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidInput(`${where} must be a finite number, got ${describeValue(value)}.`);
  throw invalidInput(`${where} is ${value}, beyond ±3.4e38: the model computes in float32, so scale the data.`);
}

/**
 * Reads a feature matrix: 1 to MAX_FEATURES finite numbers per row, every row as wide as the first, at most
 * MAX_TRAINING_VALUES numbers in all. Loops over the two levels it expects and never recurses into anything deeper.
 */
export function readFeatureRows(rows: unknown, field = 'X'): FeatureMatrix {
  if (!Array.isArray(rows) || rows.length === 0) throw invalidInput(`${field} must be a non-empty array of rows (arrays of numbers).`);
  const first: unknown = rows[0];
  if (!Array.isArray(first) || first.length === 0) throw invalidInput(`${field}[0] must be a non-empty array of numbers, got ${describeValue(first)}.`);
  const width = first.length;
  if (width > MAX_FEATURES) throw invalidInput(`At most ${MAX_FEATURES} features per row; ${field}[0] has ${width}.`);
  if (rows.length * width > MAX_TRAINING_VALUES) throw invalidInput(`${field} holds more than ${MAX_TRAINING_VALUES} numbers.`);
  const values = new Float64Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) {
    const row: unknown = rows[i];
    if (!Array.isArray(row)) throw invalidInput(`${field}[${i}] must be an array of numbers, got ${describeValue(row)}.`);
    if (row.length !== width) throw invalidInput(`Every row of ${field} must have ${width} features; ${field}[${i}] has ${row.length}.`);
    for (let j = 0; j < width; j++) values[i * width + j] = readNumber(row[j], field, i, j);
  }
  return { rows: rows.length, width, values };
}

/** Reads and checks a training request into the packed form the worker thread fits. */
export function readTrainingSet(request: TrainRequest): TrainingSet {
  const X = readFeatureRows(request.X, 'X');
  const y: unknown = request.y;
  if (!Array.isArray(y) || y.length !== X.rows) throw invalidInput(`y must be an array with one target per row of X (${X.rows}).`);
  const targets = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) targets[i] = readNumber(y[i], 'y', i);
  const ridge: unknown = request.ridge ?? 0;
  if (typeof ridge !== 'number' || !Number.isFinite(ridge) || ridge < 0) throw invalidInput('ridge must be a number ≥ 0.');
  return { x: X.values, y: targets, rows: X.rows, width: X.width, ridge };
}
