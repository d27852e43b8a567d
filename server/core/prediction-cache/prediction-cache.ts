import type { PredictionOutput } from '../../../lib/contract';

/** What the cache keeps of an answer: the version that computed it and its output. */
export interface CachedAnswer {
  version: number;
  output: PredictionOutput;
}

/**
 * A store of answers by key (see cacheKey). Lookups and stores never throw: a cache that cannot answer is a miss, and
 * one that cannot store forgets, so the cache can only make a prediction faster, never fail it.
 */
export interface PredictionCache {
  /** "memory" or "redis", for logs and the startup summary. */
  readonly kind: string;
  get(key: string): Promise<CachedAnswer | undefined>;
  set(key: string, answer: CachedAnswer): Promise<void>;
  close(): Promise<void>;
}
