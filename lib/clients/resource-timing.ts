// The browser's own measurement of a fetch (Resource Timing): when it started, when the request went out, when the
// last response byte came. Taken by the network stack, so a main thread busy with other lanes does not inflate it.
// Another origin's details are readable only with its Timing-Allow-Origin header, which the API server sends.

/** One fetch as the network stack saw it, on the page's performance.now() clock. */
export interface FetchTimestamps {
  startTime: number;
  requestStart: number;
  responseEnd: number;
  /** A TCP connection was opened for it (rather than one reused from the pool). */
  newConnection: boolean;
}

export interface FetchWatch {
  /** The fetch's timestamps once its response has been read; undefined where the browser reports none. */
  settle(): Promise<FetchTimestamps | undefined>;
  /** Stops watching (after settle, or when the fetch failed). */
  stop(): void;
}

/** How long settle() waits for an entry the performance timeline has not delivered yet. */
const DELIVERY_WAIT_MS = 100;
/** performance.now() is coarsened (100 µs without cross-origin isolation), so a start may read a little early. */
const CLOCK_SLACK_MS = 0.2;

const watchedUrls = new Map<string, number>();
/** Entries of watched URLs delivered to the observer: the timeline's buffer (250 entries) may be full by then. */
const delivered: PerformanceResourceTiming[] = [];
const claimed = new Set<string>();
const wakeUps = new Set<() => void>();
let observer: PerformanceObserver | undefined;

const canObserve = () =>
  typeof window !== 'undefined' && typeof PerformanceObserver !== 'undefined' && (PerformanceObserver.supportedEntryTypes ?? []).includes('resource');

const keyOf = (entry: PerformanceResourceTiming) => `${entry.name} ${entry.startTime} ${entry.responseEnd}`;

function startObserving(): void {
  if (observer) return;
  observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as PerformanceResourceTiming[]) if (watchedUrls.has(entry.name)) delivered.push(entry);
    for (const wakeUp of [...wakeUps]) wakeUp();
  });
  observer.observe({ type: 'resource' });
}

function find(url: string, since: number): PerformanceResourceTiming | undefined {
  const buffered = performance.getEntriesByName(url, 'resource') as PerformanceResourceTiming[];
  return [...delivered, ...buffered]
    .filter((entry) => entry.name === url && entry.startTime >= since - CLOCK_SLACK_MS && !claimed.has(keyOf(entry)))
    .sort((a, b) => a.startTime - b.startTime)[0];
}

function timestampsOf(entry: PerformanceResourceTiming): FetchTimestamps | undefined {
  // Zeros: another origin without Timing-Allow-Origin, or a fetch that never got a response.
  if (entry.requestStart <= 0 || entry.responseEnd <= 0) return undefined;
  const { startTime, requestStart, responseEnd } = entry;
  return { startTime, requestStart, responseEnd, newConnection: entry.connectEnd > entry.connectStart };
}

function waitForEntry(url: string, since: number): Promise<PerformanceResourceTiming | undefined> {
  return new Promise((resolve) => {
    const finish = (entry: PerformanceResourceTiming | undefined) => {
      clearTimeout(timer);
      wakeUps.delete(check);
      resolve(entry);
    };
    const check = () => {
      const entry = find(url, since);
      if (entry) finish(entry);
    };
    const timer = setTimeout(() => finish(undefined), DELIVERY_WAIT_MS);
    wakeUps.add(check);
    check();
  });
}

/** Call right before fetch(url); in a runtime without Resource Timing (Node), settle() resolves undefined. */
export function watchFetch(url: string): FetchWatch {
  if (!canObserve()) return { settle: async () => undefined, stop() {} };
  startObserving();
  watchedUrls.set(url, (watchedUrls.get(url) ?? 0) + 1);
  const since = performance.now();
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    const left = (watchedUrls.get(url) ?? 1) - 1;
    if (left > 0) return void watchedUrls.set(url, left);
    watchedUrls.delete(url);
    // Nothing watches this URL now, and a later watch only takes entries that start after it: forget its entries.
    for (let i = delivered.length - 1; i >= 0; i--) if (delivered[i]!.name === url) delivered.splice(i, 1);
    for (const key of claimed) if (key.startsWith(`${url} `)) claimed.delete(key);
  };
  return {
    async settle() {
      const entry = await waitForEntry(url, since);
      if (!entry) return undefined;
      claimed.add(keyOf(entry));
      return timestampsOf(entry);
    },
    stop,
  };
}
