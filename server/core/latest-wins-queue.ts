/**
 * Runs `work` on pushed items one at a time, always on the newest: an item that is superseded before its turn is
 * dropped, so a producer faster than the worker never builds a queue. Results come out in push order.
 */
export function createLatestWinsQueue<T>(work: (item: T, skipped: number) => Promise<void>) {
  let pending: T | undefined;
  let skipped = 0;
  let running = false;
  let closed = false;

  async function drain() {
    running = true;
    while (pending !== undefined && !closed) {
      const item = pending;
      const skippedBefore = skipped;
      pending = undefined;
      skipped = 0;
      await work(item, skippedBefore);
    }
    running = false;
  }

  return {
    push(item: T) {
      if (closed) return;
      if (pending !== undefined) skipped++;
      pending = item;
      if (!running) void drain();
    },
    close() {
      closed = true;
      pending = undefined;
    },
    get idle() {
      return !running && pending === undefined;
    },
  };
}
