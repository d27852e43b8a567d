/**
 * An async iterator fed by `send`: what a subscription resolver returns. Unlike a lazily started generator it accepts
 * events from the moment it is created, and `backlog` says how far its consumer (the transport) lags behind.
 * `onFinish` runs once, when the consumer returns it (the client went away) or when `end()` is called.
 */
export interface EventChannel<T> {
  send(event: T): void;
  /** No more events: the consumer gets those already sent, then the end. */
  end(): void;
  /** Events sent but not yet taken by the consumer. */
  readonly backlog: number;
  readonly iterator: AsyncIterableIterator<T>;
}

export function createEventChannel<T>(onFinish: () => void): EventChannel<T> {
  const queued: T[] = [];
  let waiting: ((result: IteratorResult<T, undefined>) => void) | undefined;
  let finished = false;
  const done = (): IteratorResult<T, undefined> => ({ value: undefined, done: true });

  function finish() {
    if (finished) return;
    finished = true;
    onFinish();
    waiting?.(done());
    waiting = undefined;
  }

  const iterator: AsyncIterableIterator<T> = {
    next() {
      if (queued.length > 0) return Promise.resolve({ value: queued.shift()!, done: false });
      if (finished) return Promise.resolve(done());
      return new Promise((resolve) => (waiting = resolve));
    },
    return() {
      queued.length = 0;
      finish();
      return Promise.resolve(done());
    },
    [Symbol.asyncIterator]: () => iterator,
  };

  return {
    send(event) {
      if (finished) return;
      const resolve = waiting;
      waiting = undefined;
      if (resolve) resolve({ value: event, done: false });
      else queued.push(event);
    },
    end: finish,
    get backlog() {
      return queued.length;
    },
    iterator,
  };
}
