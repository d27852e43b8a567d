import type { TensorMetadata } from '../../protocols/oip/inference-tensors';

// What ModelWire asks of an Open Inference Protocol server, over either wire (grpc-oip-client.ts, http-oip-client.ts).
// Every call has a deadline; every failure is a ModelWireError (backend-errors.ts).

/** A float32 tensor, row-major. */
export interface Float32Tensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

export interface RemoteModelMetadata {
  name: string;
  /** The versions the backend lists (Triton lists those it loaded); may be empty. */
  versions: number[];
  inputs: TensorMetadata[];
  outputs: TensorMetadata[];
}

export interface RemoteInferRequest {
  model: string;
  /** The latest when left out. */
  version?: number;
  input: Float32Tensor;
  /** The output asked for, by its graph name. */
  output: string;
}

export interface RemoteInferResponse {
  /** The version that answered, when the backend says (it should). */
  version: number | undefined;
  output: Float32Tensor;
}

export interface OipClient {
  modelReady(model: string): Promise<boolean>;
  /** not_found when the backend has no such model. */
  modelMetadata(model: string): Promise<RemoteModelMetadata>;
  infer(request: RemoteInferRequest): Promise<RemoteInferResponse>;
  /** Lets go of the connection; later calls fail. */
  close(): void;
}

/** How long a call may take before it fails as unavailable: inference as configured; metadata is quick, 5 s at most. */
export const deadlinesOf = ({ deadlineMs }: { deadlineMs: number }) => ({ infer: deadlineMs, metadata: Math.min(deadlineMs, 5_000) });

/** A version string of the protocol ("" or "3") as a number, undefined when absent or not a positive integer. */
export function versionNumber(version: string | undefined): number | undefined {
  return version !== undefined && /^[1-9]\d{0,14}$/.test(version) ? Number(version) : undefined;
}

/** The versions of a metadata answer that are ModelWire-style numbers; others (Triton allows any string) are left out. */
export const versionNumbers = (versions: readonly string[]) => versions.map(versionNumber).filter((version): version is number => version !== undefined);

/** The one output asked for, checked to be a float32 tensor holding as many elements as its shape says. */
export function checkedOutput(output: (Float32Tensor & { datatype: string }) | undefined, request: RemoteInferRequest): Float32Tensor {
  if (!output) throw new Error(`the backend's answer for "${request.model}" lacks output "${request.output}"`);
  if (output.datatype !== 'FP32') throw new Error(`the backend's output "${output.name}" is ${output.datatype}, not FP32`);
  const count = output.shape.reduce((size, dim) => size * dim, 1);
  if (count !== output.data.length) throw new Error(`the backend's output "${output.name}" has shape [${output.shape.join(', ')}] but ${output.data.length} values`);
  return output;
}
