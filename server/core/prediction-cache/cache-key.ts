import { createHash, webcrypto } from 'node:crypto';
import type { PredictionInput } from '../../../lib/contract';

/** The options that change an answer. */
export interface KeyedOptions {
  topK?: number;
}

const isNumberRows = (rows: unknown): rows is number[][] =>
  Array.isArray(rows) && rows.every((row) => Array.isArray(row) && row.every((value) => typeof value === 'number'));

const sha256Of = (kind: string, content: string) => createHash('sha256').update(kind).update('\0').update(content, 'utf8').digest('base64url');

/**
 * A SHA-256 of a well-formed input; undefined for anything else (the model will refuse it, so there is nothing to keep).
 * An image (up to 15 MB) is hashed by WebCrypto on libuv's thread pool, so it does not hold up the event loop.
 */
export async function inputHashOf(input: PredictionInput): Promise<string | undefined> {
  if (input.kind === 'image' && input.image instanceof Uint8Array) {
    const digest = await webcrypto.subtle.digest('SHA-256', input.image);
    return `image:${Buffer.from(digest).toString('base64url')}`;
  }
  if (input.kind === 'text' && typeof input.text === 'string') return sha256Of('text', input.text);
  // JSON of numbers is canonical enough: 1 and 1.0 print alike, and -0 prints as 0 (which predicts the same).
  if (input.kind === 'features' && isNumberRows(input.rows)) return sha256Of('features', JSON.stringify(input.rows));
  return undefined;
}

/** model + version + options + the input's hash. The version is part of the key, so a new version never answers with an older one's output. */
export const cacheKey = (model: string, version: number, inputHash: string, options: KeyedOptions): string => `${model}:${version}:${options.topK ?? ''}:${inputHash}`;
