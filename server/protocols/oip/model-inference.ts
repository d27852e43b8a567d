import type { ModelKind, PredictionInput } from '../../../lib/contract';
import { invalidInput } from '../../../lib/model-wire-error';
import type { Principal } from '../../core/auth/principal';
import type { InferenceCore } from '../../core/inference-core';
import { decodeBase64Image } from '../shared/prediction-input';
import { outputOf } from '../shared/prediction-output';
import { notBytes, type InferInput, type InferOutput, type ParameterValue, type Parameters } from './inference-tensors';
import { TENSOR } from './model-tensors';

// Each kind of model's tensors read into calls of the core, and its answers written back as tensors.

/** Items a request may hold (texts, images): each is one prediction in flight, and the core admits 64 at once. */
export const MAX_BATCH_ITEMS = 32;

/** One model, version and caller: what every core call of a request shares. */
export interface ModelCall {
  core: InferenceCore;
  model: string;
  version?: number;
  principal?: Principal;
  receivedAt: number;
  /** The request's own parameters; an input's parameters override them. */
  parameters: Parameters;
  /** The outputs the request names; empty for all of them. */
  requestedOutputs: string[];
}

export interface InferAnswer {
  version: number;
  /** Every output the model gives for these inputs, in the order of its metadata. */
  outputs: InferOutput[];
}

const predict = (call: ModelCall, input: PredictionInput, topK?: number) =>
  call.core.predict(call.model, input, { version: call.version, topK, receivedAt: call.receivedAt, principal: call.principal });

/** The one input a request gives, among those the model takes. */
function onlyInput(call: ModelCall, inputs: InferInput[], names: string[]): InferInput {
  const [input, ...more] = inputs;
  if (!input || more.length > 0 || !names.includes(input.name)) {
    const takes = names.map((name) => `"${name}"`).join(' or ');
    throw invalidInput(`Model "${call.model}" takes exactly one input tensor, ${takes}; got ${inputs.map((each) => `"${each.name}"`).join(', ') || 'none'}.`);
  }
  return input;
}

/** N, for a tensor that must be [N] (one text or image per element). */
function batchOf(input: InferInput): number {
  const [count, ...rest] = input.shape;
  if (count === undefined || rest.length > 0) throw invalidInput(`Tensor "${input.name}" must have shape [N], not [${input.shape.join(', ')}].`);
  if (count < 1 || count > MAX_BATCH_ITEMS) throw invalidInput(`Tensor "${input.name}" holds ${count} items; send 1 to ${MAX_BATCH_ITEMS} per request.`);
  return count;
}

function bytesElements(input: InferInput): Array<string | Uint8Array> {
  if (input.datatype !== 'BYTES') throw notBytes(input);
  batchOf(input);
  return input.elements();
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function asText(element: string | Uint8Array, name: string): string {
  if (typeof element === 'string') return element;
  try {
    return utf8.decode(element);
  } catch {
    throw invalidInput(`An element of tensor "${name}" is not valid UTF-8 text.`);
  }
}

/** JSON carries image bytes as base64 strings; protobuf carries them as they are. */
const asImage = (element: string | Uint8Array) => (typeof element === 'string' ? decodeBase64Image(element) : element);

function integerParameter(value: ParameterValue | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw invalidInput(`Parameter "${name}" must be an integer.`);
  return value;
}

async function inferSentiment(call: ModelCall, inputs: InferInput[]): Promise<InferAnswer> {
  const raw = call.core.rawTensorsOf(call.model);
  const input = onlyInput(call, inputs, raw ? [TENSOR.text, raw.input.name] : [TENSOR.text]);
  if (raw && input.name === raw.input.name) return runGraph(call, input, raw.output.name);
  const results = await Promise.all(bytesElements(input).map((element) => predict(call, { kind: 'text', text: asText(element, input.name) })));
  const answers = results.map((result) => outputOf(result, 'sentiment'));
  const shape = [answers.length];
  return {
    version: results[0]!.model.version,
    outputs: [
      { name: TENSOR.label, datatype: 'BYTES', shape, data: answers.map((answer) => answer.label) },
      { name: TENSOR.score, datatype: 'FP32', shape, data: Float32Array.from(answers, (answer) => answer.score) },
      { name: TENSOR.probability, datatype: 'FP32', shape, data: Float32Array.from(answers, (answer) => answer.probability) },
    ],
  };
}

async function classifyImages(call: ModelCall, input: InferInput): Promise<InferAnswer> {
  const topK = integerParameter(input.parameters.top_k ?? call.parameters.top_k, 'top_k');
  const results = await Promise.all(bytesElements(input).map((element) => predict(call, { kind: 'image', image: asImage(element) }, topK)));
  const rows = results.map((result) => outputOf(result, 'classification').labels);
  const shape = [rows.length, rows[0]!.length];
  return {
    version: results[0]!.model.version,
    outputs: [
      { name: TENSOR.labels, datatype: 'BYTES', shape, data: rows.flatMap((row) => row.map((label) => label.label)) },
      { name: TENSOR.probabilities, datatype: 'FP32', shape, data: Float32Array.from(rows.flat(), (label) => label.probability) },
    ],
  };
}

/** The model's own graph input (a preprocessed image) straight to its graph output (the logits). */
async function runGraph(call: ModelCall, input: InferInput, outputName: string): Promise<InferAnswer> {
  if (input.datatype !== 'FP32') throw invalidInput(`Tensor "${input.name}" must be FP32, not ${input.datatype}.`);
  const values = input.numbers();
  const data = values instanceof Float32Array ? values : Float32Array.from(values);
  const { model, output } = await call.core.inferTensor(call.model, { dims: input.shape, data }, { version: call.version, receivedAt: call.receivedAt, principal: call.principal });
  return { version: model.version, outputs: [{ name: outputName, datatype: 'FP32', shape: output.dims, data: output.data }] };
}

async function inferImage(call: ModelCall, inputs: InferInput[]): Promise<InferAnswer> {
  const raw = call.core.rawTensorsOf(call.model);
  const input = onlyInput(call, inputs, raw ? [TENSOR.image, raw.input.name] : [TENSOR.image]);
  return raw && input.name === raw.input.name ? runGraph(call, input, raw.output.name) : classifyImages(call, input);
}

/** [N, F] numbers as N rows of F features. */
function rowsOf(input: InferInput): number[][] {
  if (input.datatype !== 'FP32' && input.datatype !== 'FP64') throw invalidInput(`Tensor "${input.name}" must be FP64 or FP32, not ${input.datatype}.`);
  const [count, width, ...rest] = input.shape;
  if (count === undefined || width === undefined || rest.length > 0) throw invalidInput(`Tensor "${input.name}" must have shape [N, F], not [${input.shape.join(', ')}].`);
  const values = input.numbers();
  return Array.from({ length: count }, (_, row) => Array.from({ length: width }, (_, column) => values[row * width + column]!));
}

async function inferLinear(call: ModelCall, inputs: InferInput[]): Promise<InferAnswer> {
  const input = onlyInput(call, inputs, [TENSOR.features]);
  const raw = call.core.rawTensorsOf(call.model);
  if (raw && input.name === raw.input.name && call.requestedOutputs.includes(raw.output.name)) return runGraph(call, input, raw.output.name);
  const result = await predict(call, { kind: 'features', rows: rowsOf(input) });
  const { values } = outputOf(result, 'regression');
  return { version: result.model.version, outputs: [{ name: TENSOR.predictions, datatype: 'FP64', shape: [values.length], data: values }] };
}

export function inferByKind(kind: ModelKind, call: ModelCall, inputs: InferInput[]): Promise<InferAnswer> {
  switch (kind) {
    case 'text-sentiment':
      return inferSentiment(call, inputs);
    case 'image-classification':
      return inferImage(call, inputs);
    case 'linear-regression':
      return inferLinear(call, inputs);
  }
}
