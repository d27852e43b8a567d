import ort from 'onnxruntime-node';
import type { RawTensorSignature } from './raw-tensor-inference';
import { splitRows, stackItems, type BatchItem } from './served-model';

export type OnnxSession = ort.InferenceSession;
export type OnnxTensor = ort.Tensor;

const sessionOptions: ort.InferenceSession.SessionOptions = {
  executionProviders: ['cpu'],
  graphOptimizationLevel: 'all',
  enableCpuMemArena: false,
  enableMemPattern: false,
  // int8 models (MobileNetV2) saturate in AVX2 u8s8 kernels on CPUs without VNNI: top-1 fell from 0.82 to 0.74 on the
  // shared photos. This promotes the products to int16, as the CPUs with VNNI compute them.
  // https://github.com/microsoft/onnxruntime/issues/14642, https://github.com/microsoft/onnxruntime/pull/12088
  extra: { session: { x64quantprecision: '1' } },
};

/** A session's departures from the shared options; onnxruntime's own defaults (threads, spinning) when unset. */
export interface OnnxTuning {
  /** How many threads one run may use. */
  intraOpNumThreads?: number;
  /** Whether those threads spin while waiting for work. */
  allowSpinning?: boolean;
  /**
   * Keep the memory of a run's intermediate tensors for the next run (onnxruntime's CPU arena), instead of asking malloc
   * for it anew. Off by default: it holds the largest run's working set for as long as the session lives.
   */
  memoryArena?: boolean;
}

/** The shared options plus `tuning`; a key left unset stays absent (the binding refuses undefined values). */
export function sessionOptionsFor({ intraOpNumThreads, allowSpinning, memoryArena }: OnnxTuning): ort.InferenceSession.SessionOptions {
  const threaded = intraOpNumThreads === undefined ? { ...sessionOptions } : { ...sessionOptions, intraOpNumThreads };
  const options = memoryArena === undefined ? threaded : { ...threaded, enableCpuMemArena: memoryArena };
  if (allowSpinning === undefined) return options;
  const sessionEntries = sessionOptions.extra?.session as Record<string, unknown> | undefined;
  const spinning = { 'intra_op.allow_spinning': allowSpinning ? '1' : '0' };
  return { ...options, extra: { ...sessionOptions.extra, session: { ...sessionEntries, ...spinning } } };
}

/** Loads an ONNX model from a file path or from its encoded bytes. */
export function loadOnnxSession(source: string | Uint8Array, tuning: OnnxTuning = {}): Promise<OnnxSession> {
  const options = sessionOptionsFor(tuning);
  return typeof source === 'string' ? ort.InferenceSession.create(source, options) : ort.InferenceSession.create(source, options);
}

export function float32Tensor(data: Float32Array, dims: readonly number[]): OnnxTensor {
  return new ort.Tensor('float32', data, dims);
}

/** Runs a session and measures the time spent inside onnxruntime. */
export async function runTimed(
  session: OnnxSession,
  feeds: Record<string, OnnxTensor>,
): Promise<{ outputs: ort.InferenceSession.ReturnType; inferenceMs: number }> {
  const started = performance.now();
  const outputs = await session.run(feeds);
  return { outputs, inferenceMs: performance.now() - started };
}

/** The float32 data of a named output, or an error naming what the graph actually produced. */
export function outputFloats(outputs: ort.InferenceSession.ReturnType, name: string): Float32Array {
  const tensor = outputs[name];
  if (!tensor || !(tensor.data instanceof Float32Array)) {
    throw new Error(`ONNX output "${name}" missing or not float32 (outputs: ${Object.keys(outputs).join(', ')})`);
  }
  return tensor.data;
}

/**
 * A RawTensorRunner's run on a session of one float32 input and output whose first dimension is the batch: the items
 * stacked into one [n, ...input.itemDims] run, one output row per item.
 */
export async function runStackedRows(
  session: OnnxSession,
  { input, output }: RawTensorSignature,
  items: readonly BatchItem[],
): Promise<{ outputs: Float32Array[]; inferenceMs: number }> {
  const feeds = { [input.name]: float32Tensor(stackItems(items, input.itemDims), [items.length, ...input.itemDims]) };
  const { outputs, inferenceMs } = await runTimed(session, feeds);
  return { outputs: splitRows(outputFloats(outputs, output.name), items.length, output.itemDims), inferenceMs };
}
