import type { OnnxTuning } from '../onnx-session';

/** A float32 tensor as it crosses between threads: its data is transferred, not copied. */
export interface Float32TensorData {
  data: Float32Array;
  dims: number[];
}

export type TensorMap = Record<string, Float32TensorData>;

/** What the worker is given at start: the encoded ONNX model and how its session uses threads. */
export interface OnnxWorkerData {
  model: Uint8Array;
  tuning: OnnxTuning;
}

export type OnnxWorkerStarted = { ready: { inputNames: string[]; outputNames: string[] } } | { loadFailure: string };

export interface OnnxRunRequest {
  id: number;
  feeds: TensorMap;
}

/** `feeds`: the request's own feeds, handed back once the run is over, so their memory can carry the next run. */
export type OnnxRunReply = { id: number; outputs: TensorMap; inferenceMs: number; feeds: TensorMap } | { id: number; failure: string };

/** The buffers of a tensor map, for postMessage's transfer list. */
export const transferablesOf = (tensors: TensorMap): ArrayBuffer[] => Object.values(tensors).map((tensor) => tensor.data.buffer as ArrayBuffer);
