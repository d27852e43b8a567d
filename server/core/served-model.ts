import type { InputKind, ModelDescriptor, PredictionInput, PredictionOutput, PredictOptions } from '../../lib/contract';
import { invalidInput } from '../../lib/model-wire-error';
import type { RawTensorRunner } from './raw-tensor-inference';

/** What a model answers, before the core adds the model reference and the server timing. */
export interface ModelAnswer {
  version: number;
  output: PredictionOutput;
  inferenceMs: number;
  preprocessMs: number;
  /** Time waiting for a batch slot, for models with a dynamic batcher. */
  queueMs?: number;
}

/** One file of a model that a browser may download to run the model itself (the in-browser lane). */
export interface ModelArtifact {
  /** The name it is served under: /v1/models/{name}/artifacts/{file}. */
  file: string;
  role: 'model' | 'sidecar' | 'labels';
  path: string;
  contentType: string;
}

export const ONNX_CONTENT_TYPE = 'application/octet-stream';
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** A model the registry can serve. Implementations live in server/models/. */
export interface ServedModel {
  readonly name: string;
  describe(): ModelDescriptor;
  /** Throws ModelWireError (invalid_input, not_installed, ...) for anything it cannot answer. */
  predict(input: PredictionInput, options: PredictOptions): Promise<ModelAnswer>;
  /** The files a browser needs to run this model itself, when it can; undefined while not installed. */
  artifacts?(): ModelArtifact[] | undefined;
  /** Its own graph input and output (e.g. a preprocessed image to logits), for protocols that speak tensors. */
  readonly rawTensors?: RawTensorRunner;
}

const INPUT_NOUNS: Record<InputKind, string> = { image: 'an image', text: 'text', features: 'rows of numeric features' };

/** invalid_input when a model is sent a kind of input it does not take: an image to a text model, text to a linear one, ... */
export function assertTakesInput(model: Pick<ModelDescriptor, 'name' | 'input'>, input: PredictionInput): void {
  const takes = model.input;
  if (input.kind !== takes) throw invalidInput(`Model "${model.name}" takes ${INPUT_NOUNS[takes]}, not ${INPUT_NOUNS[input.kind]}.`, { takes });
}

const sizeOf = (dims: readonly number[]) => dims.reduce((size, dim) => size * dim, 1);

/** Items of `itemDims` each, as one [n, ...itemDims] run's input data: a lone item that is a whole buffer is not copied. */
export function stackItems(items: readonly Float32Array[], itemDims: readonly number[]): Float32Array {
  const itemSize = sizeOf(itemDims);
  const [first] = items;
  if (items.length === 1 && first!.length === itemSize && first!.byteOffset === 0 && first!.byteLength === first!.buffer.byteLength) return first!;
  const stacked = new Float32Array(items.length * itemSize);
  items.forEach((item, index) => {
    if (item.length !== itemSize) throw new Error(`item ${index} has ${item.length} values, expected ${itemSize} ([${itemDims.join(', ')}])`);
    stacked.set(item, index * itemSize);
  });
  return stacked;
}

/** A run's output data as `count` rows, one per item, after checking it holds a whole row each. */
export function splitRows(data: Float32Array, count: number, rowDims: readonly number[]): Float32Array[] {
  const rowSize = sizeOf(rowDims);
  if (data.length !== count * rowSize) throw new Error(`output holds ${data.length} values, not ${count} rows of [${rowDims.join(', ')}]`);
  return Array.from({ length: count }, (_, index) => data.subarray(index * rowSize, (index + 1) * rowSize));
}
