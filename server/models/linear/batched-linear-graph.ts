import { createDynamicBatcher } from '../../core/batching/dynamic-batcher';
import { float32Tensor, outputFloats, runTimed, type OnnxSession } from '../../core/onnx-session';
import { INPUT, OUTPUT } from './export-linear-model';

export interface LinearGraphRunResult {
  /** One prediction per row of this call. */
  predictions: Float32Array;
  /** Time inside onnxruntime for the run this call's rows were part of. */
  inferenceMs: number;
  /** Time waiting for that run to start. */
  queueMs: number;
}

export interface BatchedLinearGraph {
  /** Runs `rows` rows of the graph's width (row-major float32), together with whatever other calls wait. */
  run(values: Float32Array, rows: number): Promise<LinearGraphRunResult>;
}

export interface LinearBatching {
  /** Calls whose rows run in one onnxruntime call at most. */
  maxBatchSize: number;
  /** Told the number of calls in each run (metrics). */
  onBatch?(size: number): void;
}

/** A call with more numbers than this runs on its own, so one run's input stays small (at most about 1 MiB). */
export const MAX_BATCHED_VALUES = 4096;

interface RowsOfOneCall {
  values: Float32Array;
  rows: number;
}

/**
 * One linear version's graph, where calls arriving while a run is under way are run together in the next one.
 * onnxruntime spends about 40 µs on a run of this tiny graph whatever its row count, so under concurrent load that
 * cost is shared instead of paid per call; a call made when nothing runs starts at once (no waiting for others).
 */
export function createBatchedLinearGraph(session: OnnxSession, width: number, { maxBatchSize, onBatch }: LinearBatching): BatchedLinearGraph {
  const runRows = async (values: Float32Array, rows: number) => {
    const { outputs, inferenceMs } = await runTimed(session, { [INPUT]: float32Tensor(values, [rows, width]) });
    return { predictions: outputFloats(outputs, OUTPUT), inferenceMs };
  };

  const batcher = createDynamicBatcher<RowsOfOneCall, { predictions: Float32Array; inferenceMs: number }>({
    maxBatchSize,
    maxQueueDelayMs: 0,
    onBatch,
    async runBatch(calls) {
      if (calls.length === 1) return [await runRows(calls[0]!.values, calls[0]!.rows)];
      const totalRows = calls.reduce((sum, call) => sum + call.rows, 0);
      const stacked = new Float32Array(totalRows * width);
      let offset = 0;
      for (const call of calls) {
        stacked.set(call.values, offset * width);
        offset += call.rows;
      }
      const { predictions, inferenceMs } = await runRows(stacked, totalRows);
      if (predictions.length !== totalRows) throw new Error(`the graph answered ${predictions.length} predictions for ${totalRows} rows`);
      offset = 0;
      return calls.map((call) => {
        const own = predictions.subarray(offset, offset + call.rows);
        offset += call.rows;
        return { predictions: own, inferenceMs };
      });
    },
  });

  return {
    // The answers are built property by property: spreading one object into another took ~8% of the server's CPU at
    // 32 WebSocket calls in flight (V8's slow path for object spreads), here and along the core's call chain.
    async run(values, rows) {
      if (values.length !== rows * width) throw new Error(`${values.length} values are not ${rows} rows of ${width}`);
      if (values.length > MAX_BATCHED_VALUES) {
        const { predictions, inferenceMs } = await runRows(values, rows);
        return { predictions, inferenceMs, queueMs: 0 };
      }
      const { result, queueMs } = await batcher.submit({ values, rows });
      return { predictions: result.predictions, inferenceMs: result.inferenceMs, queueMs };
    },
  };
}
