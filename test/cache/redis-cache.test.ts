import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRestClient } from '../../lib/clients/rest-client';
import { protocolCallers, type ProtocolCaller } from '../support/protocol-callers';
import { startApi, type RunningApi } from '../support/start-api';
import { skipWithoutRedis, useRedis } from '../support/use-redis';

// REDIS_URL: replicas share one cache, and Redis going away costs no request.

const text = (value: string) => ({ kind: 'text', text: value }) as const;

describe.skipIf(skipWithoutRedis())('the prediction cache in Redis', () => {
  const redis = useRedis();
  const replicas: RunningApi[] = [];
  let callersA: ProtocolCaller[] = [];
  let callersB: ProtocolCaller[] = [];
  const warnings: string[] = [];

  beforeAll(async () => {
    vi.spyOn(console, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
    for (let i = 0; i < 2; i++) replicas.push(await startApi({ env: { REDIS_URL: redis().url } }));
    callersA = protocolCallers(replicas[0]!);
    callersB = protocolCallers(replicas[1]!);
  });
  afterAll(async () => {
    [...callersA, ...callersB].forEach((caller) => caller.close());
    await Promise.all(replicas.map((replica) => replica.close({ removeData: true })));
    vi.restoreAllMocks();
  });

  it('serves on replica B, on every protocol, what replica A computed', async () => {
    for (const [index, caller] of callersA.entries()) {
      const input = text(`a delightful evening, first seen over ${caller.label}`);
      expect((await caller.answer('sentiment', input)).cached).toBe(false);
      const onB = callersB[index]!;
      expect({ protocol: onB.label, ...(await onB.answer('sentiment', input)) }).toEqual({ protocol: onB.label, version: 1, cached: true });
    }
  });

  it('answers every request, uncached, while Redis is down, and uses the cache again once it is back', async () => {
    const rest = createRestClient(replicas[0]!.url);
    await redis().stop();
    for (let i = 0; i < 5; i++) {
      const outcome = await rest.predict('sentiment', text('said while redis is away'));
      expect(outcome.ok && outcome.value.cached).toBe(false);
    }
    expect(warnings.some((warning) => /Redis .* is unavailable/.test(warning))).toBe(true);

    await redis().restart();
    await vi.waitFor(
      async () => {
        await rest.predict('sentiment', text('said once redis is back'));
        const again = await rest.predict('sentiment', text('said once redis is back'));
        expect(again.ok && again.value.cached).toBe(true);
      },
      { timeout: 10_000, interval: 200 },
    );
    expect(warnings.some((warning) => /is back/.test(warning))).toBe(true);
    rest.close();
  });
});
