import type { TrainRequest } from '../../../lib/contract';
import { invalidInput } from '../../../lib/model-wire-error';

export const MAX_TRAINING_VALUES = 2_000_000;
export const MAX_FEATURES = 512;

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Checks a feature matrix: non-empty rows of equal length holding only finite numbers. Returns the width. */
export function validateFeatureRows(rows: unknown, field = 'X'): number {
  if (!Array.isArray(rows) || rows.length === 0) throw invalidInput(`${field} must be a non-empty array of rows (arrays of numbers).`);
  const first: unknown = rows[0];
  if (!Array.isArray(first) || first.length === 0) throw invalidInput(`${field}[0] must be a non-empty array of numbers.`);
  const width = first.length;
  if (width > MAX_FEATURES) throw invalidInput(`At most ${MAX_FEATURES} features per row; ${field}[0] has ${width}.`);
  if (rows.length * width > MAX_TRAINING_VALUES) throw invalidInput(`${field} holds more than ${MAX_TRAINING_VALUES} numbers.`);
  rows.forEach((row: unknown, i) => {
    if (!Array.isArray(row)) throw invalidInput(`${field}[${i}] must be an array of numbers.`);
    if (row.length !== width) throw invalidInput(`Every row of ${field} must have ${width} features; ${field}[${i}] has ${row.length}.`);
    const bad = row.findIndex((value) => !isFiniteNumber(value));
    if (bad >= 0) throw invalidInput(`${field}[${i}][${bad}] must be a finite number, got ${JSON.stringify(row[bad]) ?? 'undefined'}.`);
  });
  return width;
}

export function validateTrainRequest(request: TrainRequest): void {
  validateFeatureRows(request.X, 'X');
  const { y, ridge } = request;
  if (!Array.isArray(y) || y.length !== request.X.length) {
    throw invalidInput(`y must be an array with one target per row of X (${request.X.length}).`);
  }
  const bad = y.findIndex((value) => !isFiniteNumber(value));
  if (bad >= 0) throw invalidInput(`y[${bad}] must be a finite number.`);
  if (ridge !== undefined && !(isFiniteNumber(ridge) && ridge >= 0)) throw invalidInput('ridge must be a number ≥ 0.');
}
