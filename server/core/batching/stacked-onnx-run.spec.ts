import { describe, expect, it } from 'vitest';
import type { TensorMap } from '../onnx-worker/onnx-worker-messages';
import { stackedOnnxRun } from './stacked-onnx-run';

/** A fake session whose output row i is the sum of input item i, answered with the batch dimension it was given. */
function summingSession(outputBatch?: number) {
  const seen: TensorMap[] = [];
  return {
    seen,
    inputNames: ['pixels'],
    outputNames: ['scores'],
    async run(feeds: TensorMap) {
      seen.push(feeds);
      const { data, dims } = feeds.pixels!;
      const itemSize = data.length / dims[0]!;
      const sums = Float32Array.from({ length: dims[0]! }, (_, row) => data.subarray(row * itemSize, (row + 1) * itemSize).reduce((sum, value) => sum + value, 0));
      return { outputs: { scores: { data: sums, dims: [outputBatch ?? dims[0]!, 1] } }, inferenceMs: 7 };
    },
  };
}

describe('stacked ONNX run', () => {
  it('stacks the items into one [n, ...itemDims] input and gives each item its own output row', async () => {
    const session = summingSession();
    const run = stackedOnnxRun(session, [2, 2]);
    const rows = await run([Float32Array.of(1, 1, 1, 1), Float32Array.of(1, 2, 3, 4), Float32Array.of(0, 0, 0, 9)]);
    expect(session.seen[0]!.pixels!.dims).toEqual([3, 2, 2]);
    expect(rows.map((row) => [...row.output])).toEqual([[4], [10], [9]]);
    expect(rows.every((row) => row.inferenceMs === 7)).toBe(true);
  });

  it('refuses an item of the wrong size, and an output whose batch is not the input batch', async () => {
    await expect(stackedOnnxRun(summingSession(), [2, 2])([Float32Array.of(1, 2, 3)])).rejects.toThrow(/batch item 0 has 3 values, expected 4/);
    await expect(stackedOnnxRun(summingSession(1), [1])([Float32Array.of(1), Float32Array.of(2)])).rejects.toThrow(/batch of 2, got dims \[1, 1\]/);
  });
});
