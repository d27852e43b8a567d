import type { MemorySample } from './memory-verdict';
import { readProcessMemory } from './process-memory';
import type { RequestMix } from './request-mix';
import { median, type startRssSampler } from './rss-sampler';
import { runRequests, type RunTally } from './run-requests';

/**
 * The RSS after a window of requests is the median of the readings taken while its last quarter ran: one reading lands
 * anywhere in a garbage-collection cycle (±20 MB here), the median of a few dozen does not.
 */
const SETTLED_SHARE = 0.25;

export interface WindowRun {
  mix: RequestMix;
  pid: number;
  sampler: ReturnType<typeof startRssSampler>;
  concurrency: number;
  tally: RunTally;
}

/** Sends requests `from` … `to - 1` and reads the server's memory over them. */
export async function measureWindow({ mix, pid, sampler, concurrency, tally }: WindowRun, from: number, to: number): Promise<MemorySample> {
  const settledFrom = to - Math.round((to - from) * SETTLED_SHARE);
  sampler.take();
  await runRequests(mix, from, settledFrom, concurrency, tally);
  const early = sampler.take();
  await runRequests(mix, settledFrom, to, concurrency, tally);
  const settled = sampler.take();
  const now = await readProcessMemory(pid);
  if (settled.length === 0) settled.push(now.rssMiB);
  const all = [...early, ...settled, now.rssMiB];
  return {
    requests: to,
    rssMiB: median(settled),
    lowMiB: Math.min(...all),
    highMiB: Math.max(...all),
    atEndMiB: now.rssMiB,
    peakRssMiB: now.peakRssMiB,
    failed: tally.failed,
  };
}
