/** The first automatic reconnect waits about this long; each failed attempt doubles it. */
export const RECONNECT_BASE_MS = 500;
/** No wait grows beyond this. */
export const RECONNECT_MAX_MS = 10_000;

/**
 * How long to wait before reconnect attempt `attempt` (1, 2, 3 ...): exponential backoff with "equal jitter", half the
 * step fixed and half random, so lanes and tabs that lost the same server do not all come back in the same instant.
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const step = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return step / 2 + random() * (step / 2);
}
