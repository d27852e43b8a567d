import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { protocolCallers, type ProtocolCaller } from '../support/protocol-callers';
import { useApi } from '../support/use-api';

// The in-memory prediction cache is on by default: every protocol's reply says whether it was answered from it.

const text = (value: string) => ({ kind: 'text', text: value }) as const;

describe('cached: true|false on every protocol', () => {
  const api = useApi();
  let callers: ProtocolCaller[] = [];
  beforeAll(() => {
    callers = protocolCallers(api());
  });
  afterAll(() => callers.forEach((caller) => caller.close()));

  it('answers a new input by running the model and the same input again from the cache', async () => {
    for (const caller of callers) {
      const input = text(`the soup was wonderful, said over ${caller.label}`);
      expect({ protocol: caller.label, ...(await caller.answer('sentiment', input)) }).toEqual({ protocol: caller.label, version: 1, cached: false });
      expect({ protocol: caller.label, ...(await caller.answer('sentiment', input)) }).toEqual({ protocol: caller.label, version: 1, cached: true });
    }
  });

  it('shares answers between protocols: what one computed, the others are served', async () => {
    const [first, ...others] = callers;
    const input = text('a plain sentence about the weather, shared by all');
    expect((await first!.answer('sentiment', input)).cached).toBe(false);
    for (const caller of others) expect({ protocol: caller.label, cached: (await caller.answer('sentiment', input)).cached }).toEqual({ protocol: caller.label, cached: true });
  });
});

describe('CACHE_MAX_BYTES=0', () => {
  const api = useApi({ env: { CACHE_MAX_BYTES: '0' } });

  it('turns the cache off: the same input runs the model every time', async () => {
    const [rest] = protocolCallers(api());
    const input = text('no cache here');
    expect((await rest!.answer('sentiment', input)).cached).toBe(false);
    expect((await rest!.answer('sentiment', input)).cached).toBe(false);
  });
});
