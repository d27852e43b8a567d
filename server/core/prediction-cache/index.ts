import { createMemoryCache } from './memory-cache';
import type { PredictionCache } from './prediction-cache';

export { cacheKey, inputHashOf } from './cache-key';
export type { CachedAnswer, PredictionCache } from './prediction-cache';

export interface PredictionCacheConfig {
  /** CACHE_MAX_BYTES: the in-memory cache's bound; 0 turns the cache off (unless REDIS_URL is set). */
  maxBytes: number;
  /** CACHE_TTL_SECONDS: how long an answer is kept; 0 keeps it until evicted. */
  ttlSeconds: number;
  /** REDIS_URL: share answers between replicas through Redis instead of keeping them in this process. */
  redisUrl: string | undefined;
}

/**
 * Redis when REDIS_URL is set, else the in-memory LRU, else (CACHE_MAX_BYTES=0) no cache. The Redis client is loaded
 * only when asked for: loading ioredis costs ~0.1 s of every start-up.
 */
export async function createPredictionCache(config: PredictionCacheConfig, warn: (message: string) => void): Promise<PredictionCache | undefined> {
  if (config.redisUrl) {
    const { createRedisCache } = await import('./redis-cache');
    return createRedisCache({ url: config.redisUrl, ttlSeconds: config.ttlSeconds, warn });
  }
  if (config.maxBytes === 0) return undefined;
  return createMemoryCache({ maxBytes: config.maxBytes, ttlSeconds: config.ttlSeconds });
}
