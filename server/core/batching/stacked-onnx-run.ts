import type { OnnxWorkerSession } from '../onnx-worker/onnx-worker-session';

export interface StackedRunRow {
  /** This item's slice of the output (the output row whose batch index is the item's). */
  output: Float32Array;
  /** Time inside onnxruntime for the whole batch the item ran in. */
  inferenceMs: number;
}

/**
 * A runBatch for a model with one float32 input and one output whose first dimension is the batch: stacks the items
 * (each shaped `itemDims`) into one [n, ...itemDims] tensor, runs it once, and gives each item its own output row.
 */
export function stackedOnnxRun(session: Pick<OnnxWorkerSession, 'run' | 'inputNames' | 'outputNames'>, itemDims: readonly number[]) {
  const itemSize = itemDims.reduce((size, dim) => size * dim, 1);
  const inputName = session.inputNames[0]!;
  const outputName = session.outputNames[0]!;

  return async (items: Float32Array[]): Promise<StackedRunRow[]> => {
    const stacked = new Float32Array(items.length * itemSize);
    items.forEach((item, index) => {
      if (item.length !== itemSize) throw new Error(`batch item ${index} has ${item.length} values, expected ${itemSize} ([${itemDims.join(', ')}])`);
      stacked.set(item, index * itemSize);
    });
    const { outputs, inferenceMs } = await session.run({ [inputName]: { data: stacked, dims: [items.length, ...itemDims] } });
    const output = outputs[outputName];
    if (!output || output.dims[0] !== items.length) {
      throw new Error(`output "${outputName}" should have a batch of ${items.length}, got dims [${output?.dims.join(', ') ?? 'none'}]`);
    }
    const rowSize = output.data.length / items.length;
    return items.map((_, index) => ({ output: output.data.subarray(index * rowSize, (index + 1) * rowSize), inferenceMs }));
  };
}
