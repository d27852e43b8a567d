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
      // As the worker session does, the feeds come back with the answer.
      return { outputs: { scores: { data: sums, dims: [outputBatch ?? dims[0]!, 1] } }, inferenceMs: 7, feeds };
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

  it('stacks the next batch into the memory the last one handed back, when it fits', async () => {
    const session = summingSession();
    const run = stackedOnnxRun(session, [2]);
    await run([Float32Array.of(1, 2), Float32Array.of(3, 4), Float32Array.of(5, 6)]);
    const smaller = await run([Float32Array.of(7, 8), Float32Array.of(9, 10)]);
    const larger = await run([Float32Array.of(1, 1), Float32Array.of(2, 2), Float32Array.of(3, 3), Float32Array.of(4, 4)]);
    const [first, second, third] = session.seen.map((feeds) => feeds.pixels!.data);
    expect(second!.buffer).toBe(first!.buffer);
    expect(second).toHaveLength(4);
    expect(third!.buffer).not.toBe(first!.buffer);
    expect(smaller.map((row) => [...row.output])).toEqual([[15], [19]]);
    expect(larger.map((row) => [...row.output])).toEqual([[2], [4], [6], [8]]);
  });

  it('lets an item write its own values into its place in the batch', async () => {
    const session = summingSession();
    const doubling = (values: number[]) => ({ length: values.length, writeInto: (target: Float32Array) => target.set(values.map((value) => value * 2)) });
    const rows = await stackedOnnxRun(session, [3])([doubling([1, 2, 3]), Float32Array.of(1, 1, 1), doubling([0, 0, 5])]);
    expect([...session.seen[0]!.pixels!.data]).toEqual([2, 4, 6, 1, 1, 1, 0, 0, 10]);
    expect(rows.map((row) => [...row.output])).toEqual([[12], [3], [10]]);
    await expect(stackedOnnxRun(session, [3])([doubling([1, 2])])).rejects.toThrow(/item 0 has 2 values, expected 3/);
  });

  it('refuses an item of the wrong size, and an output whose batch is not the input batch', async () => {
    await expect(stackedOnnxRun(summingSession(), [2, 2])([Float32Array.of(1, 2, 3)])).rejects.toThrow(/item 0 has 3 values, expected 4/);
    await expect(stackedOnnxRun(summingSession(1), [1])([Float32Array.of(1), Float32Array.of(2)])).rejects.toThrow(/batch of 2, got dims \[1, 1\]/);
  });
});
