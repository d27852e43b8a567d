import { describe, expect, it } from 'vitest';
import type { CachedAnswer } from './prediction-cache';
import { createMemoryCache } from './memory-cache';

const answer = (values: number[]): CachedAnswer => ({ version: 1, output: { kind: 'regression', values } });

describe('the in-memory prediction cache', () => {
  it('gives back what was stored, frozen, so no caller can change what the next one is served', async () => {
    const cache = createMemoryCache({ maxBytes: 1 << 20, ttlSeconds: 0 });
    await cache.set('k', answer([1, 2]));
    const first = await cache.get('k');
    expect(first).toEqual(answer([1, 2]));
    expect(() => (first!.output as { values: number[] }).values.push(3)).toThrow(TypeError);
    expect(() => Object.assign(first!.output, { kind: 'sentiment' })).toThrow(TypeError);
    expect(await cache.get('k')).toEqual(answer([1, 2]));
    expect(await cache.get('missing')).toBeUndefined();
  });

  it('stays within its byte bound, dropping the least recently used answers first', async () => {
    const big = answer(Array.from({ length: 100 }, (_, index) => index + 0.5));
    const cache = createMemoryCache({ maxBytes: 3 * 2 * JSON.stringify(big.output).length + 400, ttlSeconds: 0 });
    await cache.set('a', big);
    await cache.set('b', big);
    await cache.set('c', big);
    await cache.get('a');
    await cache.set('d', big);
    expect([await cache.get('a'), await cache.get('b'), await cache.get('c'), await cache.get('d')].map(Boolean)).toEqual([true, false, true, true]);
  });

  it('forgets answers older than the TTL', async () => {
    const cache = createMemoryCache({ maxBytes: 1 << 20, ttlSeconds: 1 });
    await cache.set('k', answer([1]));
    expect(await cache.get('k')).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await cache.get('k')).toBeUndefined();
  });
});
