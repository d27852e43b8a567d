import { LRUCache } from 'lru-cache';
import type { CachedAnswer, PredictionCache } from './prediction-cache';

export interface MemoryCacheOptions {
  maxBytes: number;
  /** 0 keeps answers until evicted. */
  ttlSeconds: number;
}

/** Roughly what an answer costs in memory: its JSON length twice (UTF-16 strings) plus the key. */
const sizeOf = (answer: CachedAnswer, key: string) => 2 * (JSON.stringify(answer.output).length + key.length) + 64;

/** Freezes an answer and everything in it; typed arrays, which cannot be frozen, are not expected in one. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value) && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** The embedded cache: least recently used answers leave first once the answers held pass maxBytes. */
export function createMemoryCache({ maxBytes, ttlSeconds }: MemoryCacheOptions): PredictionCache {
  const answers = new LRUCache<string, CachedAnswer>({
    maxSize: maxBytes,
    sizeCalculation: sizeOf,
    ...(ttlSeconds > 0 ? { ttl: ttlSeconds * 1000, ttlAutopurge: false } : {}),
  });
  return {
    kind: 'memory',
    // Frozen when stored rather than copied on every hit (no adapter changes an output), so no caller can change what
    // the next one is served.
    async get(key) {
      return answers.get(key);
    },
    async set(key, answer) {
      answers.set(key, deepFreeze(answer));
    },
    async close() {
      answers.clear();
    },
  };
}
