import { invalidInput } from '../../../lib/model-wire-error';

// The Open Inference Protocol's request and response, as both wires (REST JSON, gRPC protobuf) decode them: what
// the handler reads and writes, with no JSON or protobuf left in it.

/** The tensor element types of the protocol. FP16 and BF16 travel only as raw bytes and no model here takes them. */
const DATATYPES = ['BOOL', 'UINT8', 'UINT16', 'UINT32', 'UINT64', 'INT8', 'INT16', 'INT32', 'INT64', 'FP16', 'BF16', 'FP32', 'FP64', 'BYTES'] as const;
export type Datatype = (typeof DATATYPES)[number];

const isDatatype = (value: string): value is Datatype => (DATATYPES as readonly string[]).includes(value);

export type ParameterValue = string | number | boolean;
export type Parameters = Record<string, ParameterValue>;

export interface TensorMetadata {
  name: string;
  datatype: Datatype;
  /** -1 for a dimension of variable size. */
  shape: number[];
}

/** An input tensor whose elements are decoded only when the handler asks, in the form its datatype calls for. */
export interface InferInput {
  name: string;
  datatype: Datatype;
  shape: number[];
  parameters: Parameters;
  /** The elements of a numeric tensor, as many as its shape holds; invalid_input otherwise. */
  numbers(): ArrayLike<number>;
  /** The elements of a BYTES tensor: strings from JSON, bytes from protobuf; invalid_input otherwise. */
  elements(): Array<string | Uint8Array>;
}

export interface RequestedOutput {
  name: string;
  parameters: Parameters;
}

export interface InferRequest {
  modelName: string;
  /** Empty or left out: the latest. */
  modelVersion?: string;
  id?: string;
  parameters: Parameters;
  inputs: InferInput[];
  /** Left out or empty: every output the model gives for these inputs. */
  outputs?: RequestedOutput[];
}

export type InferOutput = { name: string; shape: number[] } & (
  | { datatype: 'BYTES'; data: string[] }
  | { datatype: 'FP32' | 'FP64'; data: ArrayLike<number> }
);

export interface InferResponse {
  modelName: string;
  modelVersion: string;
  id?: string;
  outputs: InferOutput[];
}

/** How many elements a tensor of `shape` holds; invalid_input for a dimension that is not a whole number. */
function elementCount(name: string, shape: readonly number[]): number {
  if (!shape.every((dim) => Number.isSafeInteger(dim) && dim >= 0)) throw invalidInput(`Tensor "${name}" has a shape of non-negative integers, not [${shape.join(', ')}].`);
  return shape.reduce((count, dim) => count * dim, 1);
}

export function assertElementCount(input: Pick<InferInput, 'name' | 'shape'>, count: number): void {
  const expected = elementCount(input.name, input.shape);
  if (count !== expected) throw invalidInput(`Tensor "${input.name}" of shape [${input.shape.join(', ')}] holds ${expected} elements, not ${count}.`);
}

export function datatypeOf(name: string, datatype: string): Datatype {
  if (!isDatatype(datatype)) throw invalidInput(`Tensor "${name}" has datatype "${datatype}"; the datatypes are ${DATATYPES.join(', ')}.`);
  return datatype;
}

export const notBytes = (input: Pick<InferInput, 'name' | 'datatype'>) => invalidInput(`Tensor "${input.name}" is ${input.datatype}, not BYTES.`);
export const notNumeric = (input: Pick<InferInput, 'name' | 'datatype'>) => invalidInput(`Tensor "${input.name}" is ${input.datatype}, not a numeric tensor.`);
