/**
 * An async iterable fed by callbacks: push() never waits, the reader gets the items in push order. After end() the
 * reader gets what is buffered and then stops, or throws the error end() was given.
 */
export interface EventChannel<T> extends AsyncIterable<T> {
  push(item: T): void;
  end(error?: unknown): void;
  readonly ended: boolean;
}

export function createEventChannel<T>(): EventChannel<T> {
  const buffered: T[] = [];
  let ended = false;
  let failure: { error: unknown } | undefined;
  let wakeReader: (() => void) | undefined;
  const wake = () => {
    wakeReader?.();
    wakeReader = undefined;
  };

  return {
    push(item) {
      if (ended) return;
      buffered.push(item);
      wake();
    },
    end(error) {
      if (ended) return;
      ended = true;
      if (error !== undefined) failure = { error };
      wake();
    },
    get ended() {
      return ended;
    },
    async *[Symbol.asyncIterator]() {
      for (;;) {
        if (buffered.length > 0) {
          yield buffered.shift() as T;
        } else if (ended) {
          if (failure) throw failure.error;
          return;
        } else {
          await new Promise<void>((resolve) => (wakeReader = resolve));
        }
      }
    },
  };
}
