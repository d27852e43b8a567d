import type { OnnxWorkerSession } from '../onnx-worker/onnx-worker-session';

export interface StackedRunRow {
  /** This item's slice of the output (the output row whose batch index is the item's). */
  output: Float32Array;
  /** Time inside onnxruntime for the whole batch the item ran in. */
  inferenceMs: number;
}

/** An item that writes its own values into its place in the batch (a photo normalised straight into it, say). */
export interface StackableItem {
  readonly length: number;
  writeInto(target: Float32Array): void;
}

/** One item of a batch: its values, or what writes them. */
export type BatchItem = Float32Array | StackableItem;

/** An item's values as an array of their own. */
export function valuesOf(item: BatchItem): Float32Array {
  if (item instanceof Float32Array) return item;
  const values = new Float32Array(item.length);
  item.writeInto(values);
  return values;
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
  const itemSize = itemDims.reduce((size, dim) => size * dim, 1);
  const inputName = session.inputNames[0]!;
  const outputName = session.outputNames[0]!;
  let spare: ArrayBufferLike | undefined;

  const stackedInput = (values: number) => {
    const reused = spare !== undefined && spare.byteLength >= values * Float32Array.BYTES_PER_ELEMENT ? new Float32Array(spare, 0, values) : undefined;
    spare = undefined;
    return reused ?? new Float32Array(values);
  };

  return async (items: BatchItem[]): Promise<StackedRunRow[]> => {
    items.forEach((item, index) => {
      if (item.length !== itemSize) throw new Error(`batch item ${index} has ${item.length} values, expected ${itemSize} ([${itemDims.join(', ')}])`);
    });
    const stacked = stackedInput(items.length * itemSize);
    items.forEach((item, index) => {
      const place = stacked.subarray(index * itemSize, (index + 1) * itemSize);
      if (item instanceof Float32Array) place.set(item);
      else item.writeInto(place);
    });
    const { outputs, inferenceMs, feeds } = await session.run({ [inputName]: { data: stacked, dims: [items.length, ...itemDims] } });
    spare = feeds[inputName]?.data.buffer;
    const output = outputs[outputName];
    if (!output || output.dims[0] !== items.length) {
      throw new Error(`output "${outputName}" should have a batch of ${items.length}, got dims [${output?.dims.join(', ') ?? 'none'}]`);
    }
    const rowSize = output.data.length / items.length;
    return items.map((_, index) => ({ output: output.data.subarray(index * rowSize, (index + 1) * rowSize), inferenceMs }));
  };
}
