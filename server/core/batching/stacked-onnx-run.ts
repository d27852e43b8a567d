import type { OnnxWorkerSession } from '../onnx-worker/onnx-worker-session';
import { splitRows, stackItems, type BatchItem } from '../served-model';

export interface StackedRunRow {
  /** This item's slice of the output (the output row whose batch index is the item's). */
  output: Float32Array;
  /** Time inside onnxruntime for the whole batch the item ran in. */
  inferenceMs: number;
}

/**
 * A runBatch for a model with one float32 input and one output whose first dimension is the batch: stacks the items
 * (each shaped `itemDims`) into one [n, ...itemDims] tensor, runs it once, and gives each item its own output row.
 *
 * The session hands each batch's input memory back with its answer, and the next batch is stacked into it when it
 * fits: a batch of photos is megabytes, and allocating it anew every run left tens of megabytes of dead buffers
 * waiting for a full garbage collection.
 */
export function stackedOnnxRun(session: Pick<OnnxWorkerSession, 'run' | 'inputNames' | 'outputNames'>, itemDims: readonly number[]) {
  const inputName = session.inputNames[0]!;
  const outputName = session.outputNames[0]!;
  let spare: ArrayBufferLike | undefined;

  const inputOf = (values: number) => {
    const reused = spare !== undefined && spare.byteLength >= values * Float32Array.BYTES_PER_ELEMENT ? new Float32Array(spare, 0, values) : undefined;
    spare = undefined;
    return reused ?? new Float32Array(values);
  };

  return async (items: BatchItem[]): Promise<StackedRunRow[]> => {
    const stacked = stackItems(items, itemDims, inputOf);
    const { outputs, inferenceMs, feeds } = await session.run({ [inputName]: { data: stacked, dims: [items.length, ...itemDims] } });
    spare = feeds[inputName]?.data.buffer;
    const output = outputs[outputName];
    if (!output || output.dims[0] !== items.length) {
      throw new Error(`output "${outputName}" should have a batch of ${items.length}, got dims [${output?.dims.join(', ') ?? 'none'}]`);
    }
    return splitRows(output.data, items.length, output.dims.slice(1)).map((row) => ({ output: row, inferenceMs }));
  };
}
