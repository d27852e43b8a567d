import { describe, expect, it } from 'vitest';
import { RECONNECT_BASE_MS, RECONNECT_MAX_MS, reconnectDelayMs } from './reconnect-backoff';

describe('reconnectDelayMs', () => {
  it('doubles with each attempt, between half and all of the step', () => {
    expect(reconnectDelayMs(1, () => 0)).toBe(RECONNECT_BASE_MS / 2);
    expect(reconnectDelayMs(1, () => 1)).toBe(RECONNECT_BASE_MS);
    expect(reconnectDelayMs(3, () => 0)).toBe(RECONNECT_BASE_MS * 2);
    expect(reconnectDelayMs(3, () => 1)).toBe(RECONNECT_BASE_MS * 4);
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    expect(reconnectDelayMs(50, () => 1)).toBe(RECONNECT_MAX_MS);
    expect(reconnectDelayMs(50, () => 0)).toBe(RECONNECT_MAX_MS / 2);
  });

  it('spreads the waits of lanes that failed together', () => {
    const delays = new Set(Array.from({ length: 20 }, () => reconnectDelayMs(4)));
    expect(delays.size).toBeGreaterThan(1);
  });
});
