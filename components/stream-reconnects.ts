import { reconnectDelayMs } from '../lib/reconnect-backoff';

/** Plans automatic reconnects, one timer per lane: backoff with jitter, and a hidden tab waits until it is shown. */
export interface ReconnectPlanner<Id> {
  /** Plans the next attempt for `id` unless one is planned; `onPlanned` hears its number and delay. */
  plan(id: Id): void;
  /** The lane is open again (or was reconnected by hand): the next loss starts over at attempt 1. */
  settle(id: Id): void;
  stopAll(): void;
}

interface Planned {
  attempt: number;
  timer?: ReturnType<typeof setTimeout>;
  /** Set while a due attempt waits for the tab to be shown. */
  waitingForTab?: () => void;
}

export function createReconnectPlanner<Id>(handlers: { onPlanned(id: Id, attempt: number, delayMs: number): void; attempt(id: Id): void }): ReconnectPlanner<Id> {
  const planned = new Map<Id, Planned>();

  function due(id: Id, entry: Planned) {
    entry.timer = undefined;
    if (document.visibilityState === 'visible') return handlers.attempt(id);
    entry.waitingForTab = () => {
      if (document.visibilityState !== 'visible') return;
      stopWaiting(entry);
      handlers.attempt(id);
    };
    document.addEventListener('visibilitychange', entry.waitingForTab);
  }

  function stopWaiting(entry: Planned) {
    if (entry.waitingForTab) document.removeEventListener('visibilitychange', entry.waitingForTab);
    entry.waitingForTab = undefined;
  }

  function clear(entry: Planned | undefined) {
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = undefined;
    stopWaiting(entry);
  }

  return {
    plan(id) {
      const entry = planned.get(id) ?? { attempt: 0 };
      if (entry.timer || entry.waitingForTab) return;
      entry.attempt += 1;
      const delayMs = reconnectDelayMs(entry.attempt);
      planned.set(id, entry);
      entry.timer = setTimeout(() => due(id, entry), delayMs);
      handlers.onPlanned(id, entry.attempt, delayMs);
    },
    settle(id) {
      clear(planned.get(id));
      planned.delete(id);
    },
    stopAll() {
      for (const entry of planned.values()) clear(entry);
      planned.clear();
    },
  };
}
