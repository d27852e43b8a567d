import type { ModelRef, Timing } from '../../lib/contract';
import { ModelWireError, invalidInput } from '../../lib/model-wire-error';
import type { Principal } from './auth/principal';
import type { ProtocolLabel } from './core-observer';
import type { DynamicBatcher } from './batching/dynamic-batcher';
import type { StackedRunRow } from './batching/stacked-onnx-run';
import type { BatchItem, ServedModel } from './served-model';

// A model's own graph input and output, served beside its usual input: for the image classifier, a preprocessed
// [3, 224, 224] image in and its 1000 logits out. Protocols that speak tensors (the Open Inference Protocol) use it.

/** A float32 tensor whose first dimension is the batch, its elements row-major. */
export interface Float32Batch {
  dims: number[];
  data: Float32Array;
}

/** One tensor of a model's graph: its name and its dimensions without the batch. */
export interface GraphTensor {
  name: string;
  itemDims: readonly number[];
}

export interface RawTensorSignature {
  input: GraphTensor;
  output: GraphTensor;
}

/** What a model offers as ServedModel.rawTensors. */
export interface RawTensorRunner extends RawTensorSignature {
  /** Runs each item (one input of input.itemDims) through the graph of `version` (the latest when left out); throws not_installed while the model is missing. */
  run(items: readonly BatchItem[], version?: number): Promise<{ version: number; outputs: Float32Array[]; inferenceMs: number }>;
}

/**
 * A RawTensorRunner over a model's dynamic batcher, so raw tensors share its batches with the model's usual input.
 * `load` answers the loaded model's batcher, or throws not_installed.
 */
export function batchedRawTensorRunner(
  signature: RawTensorSignature,
  load: () => Promise<{ version: number; batcher: DynamicBatcher<BatchItem, StackedRunRow> }>,
): RawTensorRunner {
  return {
    ...signature,
    async run(items) {
      const { version, batcher } = await load();
      const answers = await Promise.all(items.map((item) => batcher.submit(item)));
      // Items may run in several batches, one after another: report the longest.
      const inferenceMs = Math.max(...answers.map(({ result }) => result.inferenceMs));
      return { version, outputs: answers.map(({ result }) => result.output), inferenceMs };
    },
  };
}

export interface TensorInferenceOptions {
  /** A specific version; the latest when omitted. */
  version?: number;
  /** performance.now() when the adapter received the request. */
  receivedAt?: number;
  principal?: Principal;
  /** The API style the call came in over, for metrics ('oip' when left out). */
  protocol?: ProtocolLabel;
}

export interface TensorInferenceResult {
  model: ModelRef;
  output: Float32Batch;
  timing: Timing;
}

/** The core's calls for raw tensors (InferenceCore extends this). */
export interface RawTensorInference {
  /** The graph tensors a model takes and gives directly; undefined when it takes only its usual input. */
  rawTensorsOf(name: string): RawTensorSignature | undefined;
  /** Needs the `predict` scope. Runs a batch of the model's own input, dims [N, ...input.itemDims]. */
  inferTensor(name: string, input: Float32Batch, options?: TensorInferenceOptions): Promise<TensorInferenceResult>;
}

export interface RawTensorInferenceDependencies {
  /** The model by name; throws not_found. */
  modelNamed(name: string): ServedModel;
  authorize(principal: Principal | undefined, scope: 'predict'): unknown;
  /** Counts the call as running, so a shutdown waits for it. */
  track<T>(work: () => Promise<T>): Promise<T>;
}

const sizeOf = (dims: readonly number[]) => dims.reduce((size, dim) => size * dim, 1);

function assertFits({ dims, data }: Float32Batch, { name, itemDims }: GraphTensor): number {
  const expected = `[N, ${itemDims.join(', ')}]`;
  const fits = dims.length === itemDims.length + 1 && itemDims.every((dim, index) => dims[index + 1] === dim);
  const batch = dims[0] ?? 0;
  if (!fits || !Number.isSafeInteger(batch) || batch < 1) throw invalidInput(`Tensor "${name}" must have shape ${expected}, not [${dims.join(', ')}].`);
  if (data.length !== batch * sizeOf(itemDims)) throw invalidInput(`Tensor "${name}" of shape [${dims.join(', ')}] needs ${batch * sizeOf(itemDims)} values, not ${data.length}.`);
  return batch;
}

function runnerOf(model: ServedModel): RawTensorRunner {
  if (!model.rawTensors) throw invalidInput(`Model "${model.name}" takes only its usual input, not a raw tensor.`);
  return model.rawTensors;
}

function assertVersion(model: ServedModel, version: number | undefined): void {
  const { versions } = model.describe();
  if (version !== undefined && versions.length > 0 && !versions.includes(version)) {
    throw new ModelWireError('not_found', `Model "${model.name}" has no version ${version}; it has ${versions.join(', ')}.`, { model: model.name, versions });
  }
}

export function createRawTensorInference({ modelNamed, authorize, track }: RawTensorInferenceDependencies): RawTensorInference {
  return {
    rawTensorsOf(name) {
      const runner = modelNamed(name).rawTensors;
      return runner && { input: runner.input, output: runner.output };
    },

    async inferTensor(name, input, { version, receivedAt = performance.now(), principal } = {}) {
      authorize(principal, 'predict');
      const model = modelNamed(name);
      const runner = runnerOf(model);
      assertVersion(model, version);
      const batch = assertFits(input, runner.input);
      const itemSize = sizeOf(runner.input.itemDims);
      const items = Array.from({ length: batch }, (_, index) => input.data.subarray(index * itemSize, (index + 1) * itemSize));
      return track(async () => {
        try {
          const answer = await runner.run(items, version);
          const rowSize = sizeOf(runner.output.itemDims);
          const data = new Float32Array(batch * rowSize);
          answer.outputs.forEach((row, index) => data.set(row, index * rowSize));
          return {
            model: { name, version: answer.version },
            output: { dims: [batch, ...runner.output.itemDims], data },
            timing: { serverMs: performance.now() - receivedAt, inferenceMs: answer.inferenceMs, preprocessMs: 0 },
          };
        } catch (error) {
          throw ModelWireError.from(error);
        }
      });
    },
  };
}
