/** Counts the calls the core is running, so a shutdown can wait for those already started. */
export function createWorkTracker() {
  let running = 0;
  let started = 0;
  const idleWaiters: Array<() => void> = [];

  return {
    get running() {
      return running;
    },
    /** Calls started since the server started. */
    get started() {
      return started;
    },
    async track<T>(work: () => Promise<T>): Promise<T> {
      running++;
      started++;
      try {
        return await work();
      } finally {
        running--;
        if (running === 0) idleWaiters.splice(0).forEach((wake) => wake());
      }
    },
    /** Resolves once no call is running. */
    whenIdle(): Promise<void> {
      return running === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}
