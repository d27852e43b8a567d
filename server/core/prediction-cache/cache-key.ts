import { createHash } from 'node:crypto';
import type { PredictionInput } from '../../../lib/contract';

/** The options that change an answer. */
export interface KeyedOptions {
  topK?: number;
}

const isNumberRows = (rows: unknown): rows is number[][] =>
  Array.isArray(rows) && rows.every((row) => Array.isArray(row) && row.every((value) => typeof value === 'number'));

/** The hash of a well-formed input; undefined for anything else (the model will refuse it, so there is nothing to keep). */
function hashInput(input: PredictionInput): string | undefined {
  const hash = createHash('sha256').update(input.kind).update('\0');
  if (input.kind === 'image' && input.image instanceof Uint8Array) hash.update(input.image);
  else if (input.kind === 'text' && typeof input.text === 'string') hash.update(input.text, 'utf8');
  // JSON of numbers is canonical enough: 1 and 1.0 print alike, and -0 prints as 0 (which predicts the same).
  else if (input.kind === 'features' && isNumberRows(input.rows)) hash.update(JSON.stringify(input.rows));
  else return undefined;
  return hash.digest('base64url');
}

/**
 * model + version + options + a SHA-256 of the input (undefined when the input is malformed). The version is part of the key, so a new version never
 * answers with an older one's output.
 */
export function cacheKey(model: string, version: number, input: PredictionInput, options: KeyedOptions): string | undefined {
  const inputHash = hashInput(input);
  return inputHash && `${model}:${version}:${options.topK ?? ''}:${inputHash}`;
}
