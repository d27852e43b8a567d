import type { LaneClient } from '../lib/clients/create-clients';
import type { CallOutcome } from '../lib/clients/protocol-client';
import type { PredictionInput, PredictionResult } from '../lib/contract';
import { errorText } from './units';

/** Where one lane is with one request. A call that answers with an error is `done` (the error is the protocol's); `failed` means no answer at all. */
export type LaneRun =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; outcome: CallOutcome<PredictionResult> }
  | { state: 'failed'; message: string; elapsedMs: number };

export interface PredictCall {
  model: string;
  input: PredictionInput;
  options?: { topK?: number };
}

/** One prediction through one lane's client; never throws. */
export async function runLane(client: LaneClient, call: PredictCall): Promise<Exclude<LaneRun, { state: 'idle' | 'running' }>> {
  const started = performance.now();
  try {
    return { state: 'done', outcome: await client.predict(call.model, call.input, call.options) };
  } catch (error) {
    return { state: 'failed', message: errorText(error), elapsedMs: performance.now() - started };
  }
}
