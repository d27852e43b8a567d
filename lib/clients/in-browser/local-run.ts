import type { ModelRef, PredictionInput, PredictionOutput } from '../../contract';

/** A tensor as the wire view shows it: what went into or came out of the runtime, instead of network bytes. */
export interface TensorSummary {
  name: string;
  type: string;
  dims: readonly number[];
  bytes: number;
  nonZero: number;
  /** Up to eight non-zero values by flat index. */
  sample: Record<number, number>;
}

/** One prediction run in this tab. */
export interface LocalRun {
  output: PredictionOutput;
  inferenceMs: number;
  preprocessMs: number;
  inputs: TensorSummary[];
  outputs: TensorSummary[];
}

/** A loaded model: its session is ready, so running it touches no network. */
export interface LocalModel {
  readonly model: ModelRef;
  run(input: PredictionInput, options: { topK?: number }): Promise<LocalRun>;
  release(): Promise<void>;
}

export function summarize(name: string, data: Float32Array, dims: readonly number[]): TensorSummary {
  const sample: Record<number, number> = {};
  let nonZero = 0;
  data.forEach((value, index) => {
    if (value === 0) return;
    if (nonZero < 8) sample[index] = value;
    nonZero++;
  });
  return { name, type: 'float32', dims, bytes: data.byteLength, nonZero, sample };
}
