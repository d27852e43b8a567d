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

/** An item that writes its own values into its place in a run's input (a photo normalised straight into it, say). */
export interface StackableItem {
  readonly length: number;
  writeInto(target: Float32Array): void;
}

/** One item of a run's input: its values, or what writes them. */
export type BatchItem = Float32Array | StackableItem;

/**
 * Items of `itemDims` each, as one [n, ...itemDims] run's input data, written into `allocate(values)` when given. Without
 * it, a lone item that is a whole buffer of its own is handed over as it is, not copied.
 */
export function stackItems(items: readonly BatchItem[], itemDims: readonly number[], allocate?: (values: number) => Float32Array): Float32Array {
  const itemSize = sizeOf(itemDims);
  items.forEach((item, index) => {
    if (item.length !== itemSize) throw new Error(`item ${index} has ${item.length} values, expected ${itemSize} ([${itemDims.join(', ')}])`);
  });
  const [first] = items;
  if (!allocate && items.length === 1 && first instanceof Float32Array && first.byteOffset === 0 && first.byteLength === first.buffer.byteLength) return first;
  const stacked = allocate ? allocate(items.length * itemSize) : new Float32Array(items.length * itemSize);
  items.forEach((item, index) => {
    if (item instanceof Float32Array) stacked.set(item, index * itemSize);
    else item.writeInto(stacked.subarray(index * itemSize, (index + 1) * itemSize));
  });
  return stacked;
}

/** A run's output data as `count` rows, one per item, after checking it holds a whole row each. */
export function splitRows(data: Float32Array, count: number, rowDims: readonly number[]): Float32Array[] {
  const rowSize = sizeOf(rowDims);
  if (data.length !== count * rowSize) throw new Error(`output holds ${data.length} values, not ${count} rows of [${rowDims.join(', ')}]`);
  return Array.from({ length: count }, (_, index) => data.subarray(index * rowSize, (index + 1) * rowSize));
}
