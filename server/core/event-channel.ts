/**
 * An async iterator fed by `send`, the one way live-stream events reach a protocol adapter. Unlike a generator (or a
 * Repeater, whose executor starts on the first next()) it accepts events from the moment it is created, and `backlog`
 * says how far its reader lags behind. Its return() acts at once, even while the reader waits for an event, so a
 * reader that goes away (an unsubscribe, a cancelled call) is noticed without waiting for the next event.
 */
export interface EventChannel<T> {
  /** Ignored once the channel has ended. */
  send(event: T): void;
  /** No more events: the reader gets those already sent, then the end. */
  end(): void;
  readonly ended: boolean;
  /** Events sent but not yet taken by the reader. */
  readonly backlog: number;
  readonly events: AsyncIterableIterator<T>;
}

/** `onReturn` runs once, when the reader returns the iterator before the channel ended. */
export function createEventChannel<T>(onReturn: () => void = () => {}): EventChannel<T> {
  const queued: T[] = [];
  let waiting: ((result: IteratorResult<T, undefined>) => void) | undefined;
  let ended = false;
  const done = (): IteratorResult<T, undefined> => ({ value: undefined, done: true });

  function end() {
    if (ended) return;
    ended = true;
    waiting?.(done());
    waiting = undefined;
  }

  const events: AsyncIterableIterator<T> = {
    next() {
      if (queued.length > 0) return Promise.resolve({ value: queued.shift()!, done: false });
      if (ended) return Promise.resolve(done());
      return new Promise((resolve) => (waiting = resolve));
    },
    return() {
      queued.length = 0;
      if (!ended) {
        end();
        onReturn();
      }
      return Promise.resolve(done());
    },
    [Symbol.asyncIterator]: () => events,
  };

  return {
    send(event) {
      if (ended) return;
      const resolve = waiting;
      waiting = undefined;
      if (resolve) resolve({ value: event, done: false });
      else queued.push(event);
    },
    end,
    get ended() {
      return ended;
    },
    get backlog() {
      return queued.length;
    },
    events,
  };
}
