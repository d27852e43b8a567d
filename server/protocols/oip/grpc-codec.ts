import type { MessageInitShape } from '@bufbuild/protobuf';
import type {
  InferParameter,
  InferTensorContents,
  InferTensorContentsSchema,
  ModelInferRequest,
  ModelInferRequest_InferInputTensor,
  ModelInferResponseSchema,
  ModelMetadataResponseSchema,
} from '../../../lib/gen/inference/grpc_predict_v2_pb';
import { invalidInput } from '../../../lib/model-wire-error';
import type { ModelMetadata } from './handler';
import {
  assertElementCount,
  datatypeOf,
  notBytes,
  notNumeric,
  type Datatype,
  type InferInput,
  type InferOutput,
  type InferRequest,
  type InferResponse,
  type ParameterValue,
  type Parameters,
  type TensorMetadata,
} from './inference-tensors';
import { decodeRawElements, decodeRawNumbers, encodeRawElements, encodeRawNumbers } from './raw-contents';

// The gRPC wire: the generated messages of proto/inference/grpc_predict_v2.proto read into and written from
// inference-tensors.ts, with tensor data either in typed `contents` or in raw_input_contents / raw_output_contents.

/** The request parameter that picks the form of the outputs: true raw_output_contents, false typed contents. */
export const BINARY_DATA_OUTPUT = 'binary_data_output';

function safeNumber(value: bigint, where: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) throw invalidInput(`${where} is too large a number.`);
  return Number(value);
}

function parameterValue({ parameterChoice: choice }: InferParameter, key: string): ParameterValue {
  switch (choice.case) {
    case 'boolParam':
    case 'stringParam':
    case 'doubleParam':
      return choice.value;
    case 'int64Param':
    case 'uint64Param':
      return safeNumber(choice.value, `Parameter "${key}"`);
    case undefined:
      throw invalidInput(`Parameter "${key}" has no value.`);
  }
}

const parametersOf = (parameters: Record<string, InferParameter>): Parameters =>
  Object.fromEntries(Object.entries(parameters).map(([key, parameter]) => [key, parameterValue(parameter, key)]));

/** The typed contents field that holds a numeric datatype's elements. */
function typedNumbers(datatype: Datatype, contents: InferTensorContents | undefined, name: string): ArrayLike<number> {
  const toNumbers = (values: bigint[]) => values.map((value) => safeNumber(value, `An element of tensor "${name}"`));
  switch (datatype) {
    case 'BOOL':
      return (contents?.boolContents ?? []).map(Number);
    case 'INT8':
    case 'INT16':
    case 'INT32':
      return contents?.intContents ?? [];
    case 'INT64':
      return toNumbers(contents?.int64Contents ?? []);
    case 'UINT8':
    case 'UINT16':
    case 'UINT32':
      return contents?.uintContents ?? [];
    case 'UINT64':
      return toNumbers(contents?.uint64Contents ?? []);
    case 'FP32':
      return contents?.fp32Contents ?? [];
    case 'FP64':
      return contents?.fp64Contents ?? [];
    case 'FP16':
    case 'BF16':
      throw invalidInput(`Tensor "${name}" is ${datatype}, which travels only in raw_input_contents.`);
    case 'BYTES':
      throw notNumeric({ name, datatype });
  }
}

function grpcInput(tensor: ModelInferRequest_InferInputTensor, raw: Uint8Array | undefined): InferInput {
  const { name, contents } = tensor;
  const datatype = datatypeOf(name, tensor.datatype);
  const shape = tensor.shape.map((dim) => safeNumber(dim, `A dimension of tensor "${name}"`));
  const counted = <Values extends ArrayLike<unknown>>(values: Values) => {
    assertElementCount({ name, shape }, values.length);
    return values;
  };
  return {
    name,
    datatype,
    shape,
    parameters: parametersOf(tensor.parameters),
    numbers() {
      if (datatype === 'BYTES') throw notNumeric({ name, datatype });
      return counted(raw ? decodeRawNumbers(datatype, raw, name) : typedNumbers(datatype, contents, name));
    },
    elements() {
      if (datatype !== 'BYTES') throw notBytes({ name, datatype });
      return counted(raw ? decodeRawElements(raw, name) : (contents?.bytesContents ?? []));
    },
  };
}

export function inferRequestOf(message: ModelInferRequest): InferRequest {
  const { inputs, rawInputContents: raw } = message;
  if (raw.length > 0 && raw.length !== inputs.length) {
    throw invalidInput(`raw_input_contents has ${raw.length} entries for ${inputs.length} inputs; send one per input, in the order of "inputs".`);
  }
  if (raw.length > 0 && inputs.some((input) => input.contents)) throw invalidInput('Send tensor data in raw_input_contents or in the inputs\' contents, not both.');
  return {
    modelName: message.modelName,
    modelVersion: message.modelVersion,
    id: message.id || undefined,
    parameters: parametersOf(message.parameters),
    inputs: inputs.map((input, index) => grpcInput(input, raw[index])),
    outputs: message.outputs.map(({ name, parameters }) => ({ name, parameters: parametersOf(parameters) })),
  };
}

/** raw_output_contents when the request asks with binary_data_output; otherwise in the form the request's inputs came in. */
export function wantsRawOutputs(message: ModelInferRequest): boolean {
  const choice = message.parameters[BINARY_DATA_OUTPUT]?.parameterChoice;
  return choice?.case === 'boolParam' ? choice.value : message.rawInputContents.length > 0;
}

const utf8 = new TextEncoder();

function typedContents(output: InferOutput): MessageInitShape<typeof InferTensorContentsSchema> {
  switch (output.datatype) {
    case 'BYTES':
      return { bytesContents: output.data.map((element) => utf8.encode(element)) };
    case 'FP32':
      return { fp32Contents: Array.from(output.data) };
    case 'FP64':
      return { fp64Contents: Array.from(output.data) };
  }
}

function rawContents(output: InferOutput): Uint8Array {
  return output.datatype === 'BYTES' ? encodeRawElements(output.data.map((element) => utf8.encode(element))) : encodeRawNumbers(output.datatype, output.data);
}

export function inferResponseMessage(response: InferResponse, rawOutputs: boolean): MessageInitShape<typeof ModelInferResponseSchema> {
  return {
    modelName: response.modelName,
    modelVersion: response.modelVersion,
    id: response.id ?? '',
    outputs: response.outputs.map((output) => ({
      name: output.name,
      datatype: output.datatype,
      shape: output.shape.map(BigInt),
      contents: rawOutputs ? undefined : typedContents(output),
    })),
    rawOutputContents: rawOutputs ? response.outputs.map(rawContents) : [],
  };
}

const tensorMessage = ({ name, datatype, shape }: TensorMetadata) => ({ name, datatype, shape: shape.map(BigInt) });

export const modelMetadataMessage = (metadata: ModelMetadata): MessageInitShape<typeof ModelMetadataResponseSchema> => ({
  ...metadata,
  inputs: metadata.inputs.map(tensorMessage),
  outputs: metadata.outputs.map(tensorMessage),
});
