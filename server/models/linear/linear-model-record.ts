import { fitsFloat32, MAX_FEATURES } from './validate-training-data';

/** What is saved beside each version's ONNX file, as DATA_DIR/linear/<name>/<version>/model.json. */
export interface LinearModelRecord {
  name: string;
  version: number;
  featureCount: number;
  coefficients: number[];
  intercept: number;
  ridge: number;
  r2: number;
  samples: number;
  trainedAt: string;
  sha256: string;
}

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isCount = (value: unknown, max = Number.MAX_SAFE_INTEGER) => Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= max;

/**
 * Why `value` cannot be served as version `version` of model `name`, or undefined when it can. The store checks a
 * record both before it writes it and when it reads it back, so what is on disk is what the server can describe and run.
 */
export function recordProblem(value: unknown, name: string, version: number): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'is not a JSON object';
  const record = value as Partial<Record<keyof LinearModelRecord, unknown>>;
  if (record.name !== name) return `does not name model "${name}"`;
  if (record.version !== version) return `is not version ${version}`;
  if (!isCount(record.featureCount, MAX_FEATURES)) return `has no featureCount from 1 to ${MAX_FEATURES}`;
  const { coefficients } = record;
  if (!Array.isArray(coefficients) || coefficients.length !== record.featureCount || !coefficients.every((c) => isFiniteNumber(c) && fitsFloat32(c))) {
    return `has no ${record.featureCount} finite float32 coefficients`;
  }
  if (!isFiniteNumber(record.intercept) || !fitsFloat32(record.intercept)) return 'has no finite float32 intercept';
  if (!isFiniteNumber(record.r2)) return 'has no finite r2';
  if (!isFiniteNumber(record.ridge) || record.ridge < 0) return 'has no ridge ≥ 0';
  if (!isCount(record.samples)) return 'has no sample count';
  if (typeof record.trainedAt !== 'string') return 'has no trainedAt';
  if (typeof record.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(record.sha256)) return 'has no sha256';
  return undefined;
}
