import { describe, expect, it } from 'vitest';
import { createInFlightGate, createTokenBucket } from './connection-limits';

describe('connection limits', () => {
  it('lets a burst through, then refills at the sustained rate', () => {
    let now = 0;
    const bucket = createTokenBucket(50, 100, () => now);
    for (let i = 0; i < 100; i++) expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(false);
    expect(bucket.msUntilNextToken()).toBe(20);
    now += 20;
    expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(false);
    now += 10_000;
    for (let i = 0; i < 100; i++) expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(false);
  });

  it('admits at most max at once', () => {
    const gate = createInFlightGate(2);
    expect([gate.tryEnter(), gate.tryEnter(), gate.tryEnter()]).toEqual([true, true, false]);
    gate.leave();
    expect(gate.tryEnter()).toBe(true);
  });
});
