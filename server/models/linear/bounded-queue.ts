import { ModelWireError } from '../../../lib/model-wire-error';

export interface BoundedQueueOptions {
  /** Tasks running at once. */
  concurrency: number;
  /** Tasks allowed to wait for a free slot; one more is refused at once with `overloaded`. */
  maxWaiting: number;
  /** What the tasks are, for the error message ("training"). */
  label: string;
}

/** Runs async tasks at most `concurrency` at a time, first come first served, with a bounded waiting line. */
export function createBoundedQueue({ concurrency, maxWaiting, label }: BoundedQueueOptions) {
  let running = 0;
  const waiting: Array<() => void> = [];

  /** Throws `overloaded` when a task given now would be refused; lets a caller skip costly work before run(). */
  function assertRoom(): void {
    if (running >= concurrency && waiting.length >= maxWaiting) {
      throw new ModelWireError('overloaded', `${label} queue full (${waiting.length} waiting); retry shortly.`);
    }
  }

  async function run<T>(task: () => Promise<T>): Promise<T> {
    assertRoom();
    if (running < concurrency) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      // The slot passes straight to the next waiting task, so `running` only drops when nobody waits.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  }

  return {
    run,
    assertRoom,
    get running() {
      return running;
    },
    get waiting() {
      return waiting.length;
    },
  };
}
