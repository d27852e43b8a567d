import { describe, expect, it } from 'vitest';
import { loadOnnxSession } from '../../core/onnx-session';
import { createBatchedLinearGraph, MAX_BATCHED_VALUES } from './batched-linear-graph';
import { exportLinearModel } from './export-linear-model';

const coefficients = [2.5, -2];
const intercept = 1;
const expected = (rows: number[][]) => rows.map(([x1, x2]) => coefficients[0]! * x1! + coefficients[1]! * x2! + intercept);

async function graph(maxBatchSize = 64) {
  const session = await loadOnnxSession(exportLinearModel({ name: 'spec', version: 1, featureCount: 2, coefficients, intercept }));
  const batches: number[] = [];
  return { batches, graph: createBatchedLinearGraph(session, 2, { maxBatchSize, onBatch: (size) => batches.push(size) }) };
}

const runRows = (linear: Awaited<ReturnType<typeof graph>>['graph'], rows: number[][]) => linear.run(Float32Array.from(rows.flat()), rows.length);

describe('batched linear graph (a real onnxruntime session of an exported linear model)', () => {
  it('runs the calls made in one turn of the event loop together, each answered its own rows', async () => {
    const { graph: linear, batches } = await graph();
    const calls = [[[1, 2]], [[3, 4], [5, 6], [7, 8]], [[0, 0], [-1, 10]]];
    const answers = await Promise.all(calls.map((rows) => runRows(linear, rows)));
    expect(batches).toEqual([3]);
    answers.forEach((answer, index) => {
      expect([...answer.predictions]).toEqual(expected(calls[index]!));
      expect(answer.inferenceMs).toBeGreaterThan(0);
      expect(answer.queueMs).toBeGreaterThanOrEqual(0);
    });
  });

  it('runs the calls made while a run is under way together in the next run', async () => {
    const { graph: linear, batches } = await graph();
    const first = runRows(linear, [[1, 2]]);
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(batches).toEqual([1]);
    const calls = [[[3, 4]], [[5, 6], [7, 8]]];
    const later = calls.map((rows) => runRows(linear, rows));
    const answers = await Promise.all([first, ...later]);
    expect(batches).toEqual([1, 2]);
    expect(answers.map((answer) => [...answer.predictions])).toEqual([[[1, 2]], ...calls].map(expected));
  });

  it('runs at most maxBatchSize calls in one run', async () => {
    const { graph: linear, batches } = await graph(3);
    const calls = Array.from({ length: 8 }, (_, index) => [[index, 1]]);
    const answers = await Promise.all(calls.map((rows) => runRows(linear, rows)));
    expect(batches).toEqual([3, 3, 2]);
    expect(answers.map((answer) => answer.predictions[0])).toEqual(calls.map((rows) => expected(rows)[0]));
  });

  it('runs a call with more than MAX_BATCHED_VALUES numbers on its own, beside the batches', async () => {
    const { graph: linear, batches } = await graph();
    const big = Array.from({ length: MAX_BATCHED_VALUES / 2 + 1 }, (_, index) => [index % 7, 3]);
    const [small, large] = await Promise.all([runRows(linear, [[2, 2]]), runRows(linear, big)]);
    expect(batches).toEqual([1]);
    expect([...small.predictions]).toEqual(expected([[2, 2]]));
    expect([...large.predictions]).toEqual(expected(big));
    expect(large.queueMs).toBe(0);
  });

  it('refuses values that are not whole rows of its width', async () => {
    const { graph: linear } = await graph();
    await expect(linear.run(Float32Array.of(1, 2, 3), 2)).rejects.toThrow(/3 values are not 2 rows of 2/);
  });
});
