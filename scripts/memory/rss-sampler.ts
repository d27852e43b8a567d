import { readProcessMemory } from './process-memory';

/** Reads a process's RSS every `everyMs` into a list that `take()` hands over and empties. */
export function startRssSampler(pid: number, everyMs = 100) {
  let samples: number[] = [];
  const timer = setInterval(() => {
    readProcessMemory(pid).then(
      ({ rssMiB }) => samples.push(rssMiB),
      () => undefined, // the process has just ended: the bench reports that itself
    );
  }, everyMs);
  return {
    /** The readings since the last take, in order. */
    take(): number[] {
      const taken = samples;
      samples = [];
      return taken;
    },
    stop: () => clearInterval(timer),
  };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('no readings to take the median of');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return Number.isInteger(middle) ? (sorted[middle - 1]! + sorted[middle]!) / 2 : sorted[Math.floor(middle)]!;
}
