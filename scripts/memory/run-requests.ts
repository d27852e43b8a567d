import type { LaneOutcome } from './bench-lanes';
import type { BenchRequest, RequestMix } from './request-mix';

export interface RunTally {
  sent: number;
  failed: number;
  /** Failures by lane and message, counted. */
  failures: Map<string, number>;
  /** Requests sent per lane. */
  perLane: Map<string, number>;
}

export const emptyTally = (): RunTally => ({ sent: 0, failed: 0, failures: new Map(), perLane: new Map() });

const bump = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);

async function send(request: BenchRequest): Promise<LaneOutcome> {
  try {
    if (request.kind === 'train') return await request.lane.train!(request.model, request.request);
    return await request.lane.predict(request.model, await request.input());
  } catch (error) {
    // The playground's clients throw when no answer came at all (a dropped connection, a timeout).
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Sends requests `from` … `to - 1` of the mix, `concurrency` at a time, adding what happened to `tally`. */
export async function runRequests(mix: RequestMix, from: number, to: number, concurrency: number, tally: RunTally): Promise<void> {
  let next = from;
  const worker = async () => {
    while (next < to) {
      const request = mix.request(next++);
      const outcome = await send(request);
      tally.sent++;
      bump(tally.perLane, request.lane.name);
      if (!outcome.ok) {
        tally.failed++;
        bump(tally.failures, `${request.lane.name} ${request.kind} ${request.model}: ${outcome.error.slice(0, 160)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
