import type { GraphDim, GraphSignature, TensorSignature } from './onnx-signature';

// A Triton model configuration (config.pbtxt, protobuf text format of Triton's ModelConfig) for an ONNX graph, as
// https://github.com/triton-inference-server/server/blob/main/docs/user_guide/model_configuration.md describes it.

/** Triton's platform name for ONNX files run by its ONNX Runtime backend. */
export const ONNX_PLATFORM = 'onnxruntime_onnx';

/** Triton's config data type of each onnxruntime element type (the table "Datatypes" of the configuration guide). */
const TRITON_DATA_TYPES: Partial<Record<TensorSignature['elementType'], string>> = {
  bool: 'TYPE_BOOL',
  uint8: 'TYPE_UINT8',
  uint16: 'TYPE_UINT16',
  uint32: 'TYPE_UINT32',
  uint64: 'TYPE_UINT64',
  int8: 'TYPE_INT8',
  int16: 'TYPE_INT16',
  int32: 'TYPE_INT32',
  int64: 'TYPE_INT64',
  float16: 'TYPE_FP16',
  float32: 'TYPE_FP32',
  float64: 'TYPE_FP64',
  string: 'TYPE_STRING',
};

/** A dimension given at run time, in a Triton config. */
export const VARIABLE_DIM = -1;

export interface TritonTensorConfig {
  name: string;
  dataType: string;
  /** Without the batch dimension when the model batches. */
  dims: number[];
  /** The shape the graph itself has, when it differs from dims (a batched tensor of shape [N] is dims [1], reshape []). */
  reshape?: number[];
}

export interface TritonModelConfig {
  name: string;
  platform: typeof ONNX_PLATFORM;
  /** 0: the graph has no batch dimension, dims are the whole shape. */
  maxBatchSize: number;
  inputs: TritonTensorConfig[];
  outputs: TritonTensorConfig[];
  /** Every version directory is served (Triton serves only the latest one by default). */
  allVersions: boolean;
  /** Triton's dynamic batcher, with how long a request may wait for others (only when the model batches). */
  dynamicBatching?: { maxQueueDelayMicroseconds: number };
}

export interface ModelBatching {
  /** The largest batch the model is given in one run; used only when the graph has a batch dimension. */
  maxBatchSize: number;
  maxQueueDelayMicroseconds: number;
}

const tensorsOf = (signature: GraphSignature) => [...signature.inputs, ...signature.outputs];

/**
 * The batch dimension, as Triton understands it: the first dimension of every input and every output, and the same
 * run-time size (one symbolic name) in all of them.
 */
export function hasBatchDimension(signature: GraphSignature): boolean {
  const firstDims = new Set(tensorsOf(signature).map((tensor) => tensor.shape[0]));
  const [batch] = firstDims;
  return firstDims.size === 1 && typeof batch === 'string' && batch !== '';
}

const configDim = (dim: GraphDim) => (typeof dim === 'number' && dim > 0 ? dim : VARIABLE_DIM);

function tensorConfig(tensor: TensorSignature, batched: boolean): TritonTensorConfig {
  const dataType = TRITON_DATA_TYPES[tensor.elementType];
  if (!dataType) throw new Error(`tensor "${tensor.name}" has element type ${tensor.elementType}, which Triton's ONNX Runtime backend cannot serve`);
  const dims = (batched ? tensor.shape.slice(1) : tensor.shape).map(configDim);
  // Triton refuses empty dims: a batched [N] tensor is declared [1] per item and reshaped to the graph's [].
  if (dims.length === 0) return { name: tensor.name, dataType, dims: [1], reshape: [] };
  return { name: tensor.name, dataType, dims };
}

export function tritonModelConfig(name: string, signature: GraphSignature, batching: ModelBatching, versionCount: number): TritonModelConfig {
  if (!Number.isSafeInteger(batching.maxBatchSize) || batching.maxBatchSize < 1) throw new Error(`maxBatchSize must be a positive integer, got ${batching.maxBatchSize}`);
  const batched = hasBatchDimension(signature);
  const maxBatchSize = batched ? batching.maxBatchSize : 0;
  return {
    name,
    platform: ONNX_PLATFORM,
    maxBatchSize,
    inputs: signature.inputs.map((tensor) => tensorConfig(tensor, batched)),
    outputs: signature.outputs.map((tensor) => tensorConfig(tensor, batched)),
    allVersions: versionCount > 1,
    ...(maxBatchSize > 1 ? { dynamicBatching: { maxQueueDelayMicroseconds: batching.maxQueueDelayMicroseconds } } : {}),
  };
}

/** A string in protobuf text format: quotes and backslashes escaped, control characters as octal escapes. */
const quoted = (text: string) =>
  `"${text.replace(/[\\"]/g, '\\$&').replace(/[\x00-\x1f\x7f]/g, (char) => `\\${char.charCodeAt(0).toString(8).padStart(3, '0')}`)}"`;

const list = (values: number[]) => (values.length === 0 ? '[ ]' : `[ ${values.join(', ')} ]`);

function formatTensors(field: 'input' | 'output', tensors: TritonTensorConfig[]): string[] {
  const entries = tensors.map((tensor) =>
    [
      '  {',
      `    name: ${quoted(tensor.name)}`,
      `    data_type: ${tensor.dataType}`,
      `    dims: ${list(tensor.dims)}`,
      ...(tensor.reshape ? [`    reshape: { shape: ${list(tensor.reshape)} }`] : []),
      '  }',
    ].join('\n'),
  );
  return [`${field} [`, entries.join(',\n'), ']'];
}

/** The config as config.pbtxt text. */
export function formatConfigPbtxt(config: TritonModelConfig): string {
  const lines = [
    `name: ${quoted(config.name)}`,
    `platform: ${quoted(config.platform)}`,
    `max_batch_size: ${config.maxBatchSize}`,
    ...formatTensors('input', config.inputs),
    ...formatTensors('output', config.outputs),
    ...(config.allVersions ? ['version_policy: { all { } }'] : []),
    ...(config.dynamicBatching ? ['dynamic_batching {', `  max_queue_delay_microseconds: ${config.dynamicBatching.maxQueueDelayMicroseconds}`, '}'] : []),
  ];
  return `${lines.join('\n')}\n`;
}
