import type { ConnectTime } from '../lib/clients/call-timing';
import type { LaneClient } from '../lib/clients/create-clients';
import type { CallOutcome } from '../lib/clients/protocol-client';
import type { PredictionInput, PredictionResult } from '../lib/contract';
import { errorText } from './units';

/** Where one lane is with one request. A call that answers with an error is `done` (the error is the protocol's); `failed` means no answer at all. */
export type LaneRun =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; outcome: CallOutcome<PredictionResult> }
  | { state: 'failed'; message: string; elapsedMs: number }
  /** The person pressed Cancel before the answer came; whatever arrives later is dropped. */
  | { state: 'cancelled'; elapsedMs: number };

export type FinishedRun = Exclude<LaneRun, { state: 'idle' | 'running' }>;

export interface PredictCall {
  model: string;
  input: PredictionInput;
  options?: { topK?: number };
}

/** Resolves in a task of its own: work started after it is not part of whatever the page was running. */
export const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Connects the lane (or loads its model) unless it is ready, and says what that took. A lane that cannot connect is
 * left for its call to say so.
 */
export async function warmLane(client: LaneClient, model: string): Promise<ConnectTime | undefined> {
  try {
    return await client.connect?.(model);
  } catch {
    return undefined;
  }
}

/** `work`, or a rejection as soon as `signal` aborts, whichever comes first: a wait that can be given up on. */
export function unlessAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  const aborted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  return Promise.race([work, aborted]);
}

/**
 * One prediction through one lane's client; never throws. Connecting done just before (`warmedUp`) is shown as the
 * call's. When `signal` aborts first the lane is `cancelled` at once.
 */
export async function runLane(client: LaneClient, call: PredictCall, warmedUp?: ConnectTime, signal?: AbortSignal): Promise<FinishedRun> {
  const started = performance.now();
  try {
    // HTTP lanes abort their request; the others' answers are dropped (unlessAborted settles at once either way).
    const outcome = await unlessAborted(client.predict(call.model, call.input, { ...call.options, signal }), signal);
    if (!warmedUp || !outcome.timing) return { state: 'done', outcome };
    return { state: 'done', outcome: { ...outcome, timing: { ...outcome.timing, connect: warmedUp } } };
  } catch (error) {
    if (signal?.aborted) return { state: 'cancelled', elapsedMs: performance.now() - started };
    return { state: 'failed', message: errorText(error), elapsedMs: performance.now() - started };
  }
}
