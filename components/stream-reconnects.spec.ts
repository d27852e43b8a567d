import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RECONNECT_MAX_MS } from '../lib/reconnect-backoff';
import { createReconnectPlanner } from './stream-reconnects';

/** The page's document as far as the planner sees it: visible or hidden, and a visibilitychange to listen to. */
class FakeDocument extends EventTarget {
  visibilityState: 'visible' | 'hidden' = 'visible';
  show() {
    this.visibilityState = 'visible';
    this.dispatchEvent(new Event('visibilitychange'));
  }
}

describe('createReconnectPlanner', () => {
  let page: FakeDocument;
  const planned: [string, number][] = [];
  const attempts: string[] = [];
  const planner = () =>
    createReconnectPlanner<string>({ onPlanned: (id, attempt) => planned.push([id, attempt]), attempt: (id) => attempts.push(id) });

  beforeEach(() => {
    vi.useFakeTimers();
    page = new FakeDocument();
    vi.stubGlobal('document', page);
    planned.length = 0;
    attempts.length = 0;
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('plans one attempt per lane at a time, each later one counted up until the lane settles', () => {
    const plans = planner();
    plans.plan('ws');
    plans.plan('ws');
    plans.plan('mqtt');
    expect(planned).toEqual([['ws', 1], ['mqtt', 1]]);
    vi.advanceTimersByTime(RECONNECT_MAX_MS);
    // Each delay has its own random jitter, so the two lanes may come in either order.
    expect([...attempts].sort()).toEqual(['mqtt', 'ws']);

    plans.plan('ws');
    expect(planned.at(-1)).toEqual(['ws', 2]);
    plans.settle('ws');
    vi.advanceTimersByTime(RECONNECT_MAX_MS);
    expect(attempts).toHaveLength(2);
    plans.plan('ws');
    expect(planned.at(-1)).toEqual(['ws', 1]);
  });

  it('holds a due attempt while the tab is hidden, and makes it once the tab is shown', () => {
    const plans = planner();
    page.visibilityState = 'hidden';
    plans.plan('grpc');
    vi.advanceTimersByTime(RECONNECT_MAX_MS);
    expect(attempts).toEqual([]);
    plans.plan('grpc');
    expect(planned).toEqual([['grpc', 1]]);
    page.show();
    page.show();
    expect(attempts).toEqual(['grpc']);
  });

  it('makes no attempt after stopAll, neither a planned one nor one waiting for the tab', () => {
    const plans = planner();
    plans.plan('ws');
    page.visibilityState = 'hidden';
    plans.plan('graphql');
    vi.advanceTimersByTime(RECONNECT_MAX_MS);
    plans.stopAll();
    page.show();
    vi.advanceTimersByTime(RECONNECT_MAX_MS);
    expect(attempts).toEqual([]);
  });
});
