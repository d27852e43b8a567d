import { afterAll, beforeAll } from 'vitest';
import { findBinary, missingPackage } from '../../scripts/services/debian-binary';
import { startRedis, type RunningRedis } from '../../scripts/services/redis-server';
import { freePort } from '../../scripts/support/free-port';
import { requirement } from './requirements';

/** Whether to skip tests that need Debian's redis-server: printed locally, an error under CI=true. */
export const skipWithoutRedis = () => requirement('redis-server', findBinary('redis-server') !== undefined, missingPackage('redis-server', 'redis-server'));

export interface RedisHandle {
  readonly url: string;
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
}

/** A redis-server of its own for the enclosing describe, on a free port, stopped after its tests. */
export function useRedis(): () => RedisHandle {
  let port = 0;
  let running: RunningRedis | undefined;
  beforeAll(async () => {
    port = await freePort();
    running = await startRedis(port, { maxMemory: '64mb' });
  });
  afterAll(() => running?.stop());
  const handle: RedisHandle = {
    get url() {
      return `redis://127.0.0.1:${port}`;
    },
    async stop() {
      await running?.stop();
      running = undefined;
    },
    async restart() {
      running = await startRedis(port, { maxMemory: '64mb' });
    },
  };
  return () => handle;
}
