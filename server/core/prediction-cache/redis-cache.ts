import { Redis } from 'ioredis';
import type { CachedAnswer, PredictionCache } from './prediction-cache';

export interface RedisCacheOptions {
  url: string;
  /** 0 keeps answers until Redis evicts them (its own maxmemory policy). */
  ttlSeconds: number;
  /** Where outages and recoveries are reported; once per change, not per request. */
  warn: (message: string) => void;
  /** How long one lookup may take before it counts as a miss. */
  commandTimeoutMs?: number;
}

const KEY_PREFIX = 'modelwire:prediction:';
const MAX_RECONNECT_DELAY_MS = 2000;

/**
 * Answers shared through Redis, so every replica sees what any of them computed. While Redis is away each lookup is a
 * miss at once (no queueing, no waiting for a reconnect) and each store is skipped; ioredis keeps reconnecting in the
 * background and the cache is used again as soon as it is back.
 */
export function createRedisCache({ url, ttlSeconds, warn, commandTimeoutMs = 250 }: RedisCacheOptions): PredictionCache {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    keyPrefix: KEY_PREFIX,
    retryStrategy: (attempt) => Math.min(100 * attempt, MAX_RECONNECT_DELAY_MS),
  });
  let healthy = true;
  const reportDown = (reason: string) => {
    if (!healthy) return;
    healthy = false;
    warn(`prediction cache: Redis at ${url} is unavailable (${reason}); predictions are served uncached until it is back.`);
  };
  redis.on('error', (error: Error) => reportDown(error.message));
  redis.on('close', () => reportDown('connection closed'));
  redis.on('ready', () => {
    if (healthy) return;
    healthy = true;
    warn(`prediction cache: Redis at ${url} is back; the cache is in use again.`);
  });
  const usable = () => redis.status === 'ready';

  return {
    kind: 'redis',
    async get(key) {
      if (!usable()) return undefined;
      try {
        const stored = await redis.get(key);
        return stored === null ? undefined : (JSON.parse(stored) as CachedAnswer);
      } catch (error) {
        reportDown(error instanceof Error ? error.message : String(error));
        return undefined;
      }
    },
    async set(key, answer) {
      if (!usable()) return;
      const value = JSON.stringify(answer);
      try {
        if (ttlSeconds > 0) await redis.set(key, value, 'EX', ttlSeconds);
        else await redis.set(key, value);
      } catch (error) {
        reportDown(error instanceof Error ? error.message : String(error));
      }
    },
    async close() {
      redis.disconnect();
    },
  };
}
