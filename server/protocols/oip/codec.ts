import { invalidInput } from '../../../lib/model-wire-error';
import {
  assertElementCount,
  datatypeOf,
  notBytes,
  notNumeric,
  type InferInput,
  type InferRequest,
  type InferResponse,
  type Parameters,
  type RequestedOutput,
} from './inference-tensors';

// The REST wire: the JSON objects of the Open Inference Protocol's HTTP API, read into and written from
// inference-tensors.ts. Tensor data may be nested or flat; BYTES elements are strings (base64 for images).

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function objectAt(value: unknown, where: string): JsonObject {
  if (!isObject(value)) throw invalidInput(`${where} must be a JSON object.`);
  return value;
}

function stringAt(value: unknown, where: string): string {
  if (typeof value !== 'string') throw invalidInput(`${where} must be a string.`);
  return value;
}

function parametersAt(value: unknown, where: string): Parameters {
  if (value === undefined || value === null) return {};
  const parameters = objectAt(value, where);
  for (const [key, parameter] of Object.entries(parameters)) {
    if (!['string', 'number', 'boolean'].includes(typeof parameter)) throw invalidInput(`${where}.${key} must be a string, a number or a boolean.`);
  }
  return parameters as Parameters;
}

function shapeAt(value: unknown, where: string): number[] {
  if (!Array.isArray(value) || !value.every((dim) => Number.isSafeInteger(dim) && dim >= 0)) throw invalidInput(`${where} must be an array of non-negative integers.`);
  return value as number[];
}

function jsonInput(value: unknown, index: number): InferInput {
  const where = `inputs[${index}]`;
  const fields = objectAt(value, where);
  const name = stringAt(fields.name, `${where}.name`);
  const datatype = datatypeOf(name, stringAt(fields.datatype, `${where}.datatype`));
  const shape = shapeAt(fields.shape, `${where}.shape`);
  if (!Array.isArray(fields.data)) throw invalidInput(`${where}.data must be an array (flat or nested) of the tensor's elements.`);
  const data = fields.data.flat(Infinity) as unknown[];
  assertElementCount({ name, shape }, data.length);
  const input: InferInput = {
    name,
    datatype,
    shape,
    parameters: parametersAt(fields.parameters, `${where}.parameters`),
    numbers() {
      if (datatype === 'BYTES') throw notNumeric(input);
      if (!data.every((element) => typeof element === 'number' || (datatype === 'BOOL' && typeof element === 'boolean'))) {
        throw invalidInput(`The elements of ${datatype} tensor "${name}" must be numbers.`);
      }
      return data.map(Number);
    },
    elements() {
      if (datatype !== 'BYTES') throw notBytes(input);
      if (!data.every((element) => typeof element === 'string')) throw invalidInput(`The elements of BYTES tensor "${name}" must be strings.`);
      return data as string[];
    },
  };
  return input;
}

function requestedOutput(value: unknown, index: number): RequestedOutput {
  const fields = objectAt(value, `outputs[${index}]`);
  return { name: stringAt(fields.name, `outputs[${index}].name`), parameters: parametersAt(fields.parameters, `outputs[${index}].parameters`) };
}

/** The body of POST /v2/models/{name}[/versions/{version}]/infer. */
export function inferRequestOf(body: unknown, modelName: string, modelVersion: string | undefined): InferRequest {
  const fields = objectAt(body, 'The body');
  const { inputs, outputs } = fields;
  if (!Array.isArray(inputs)) throw invalidInput('"inputs" must be an array of input tensors.');
  if (outputs !== undefined && !Array.isArray(outputs)) throw invalidInput('"outputs" must be an array of requested outputs.');
  return {
    modelName,
    modelVersion,
    id: fields.id === undefined ? undefined : stringAt(fields.id, '"id"'),
    parameters: parametersAt(fields.parameters, '"parameters"'),
    inputs: inputs.map(jsonInput),
    outputs: outputs?.map(requestedOutput),
  };
}

/** An inference response as the JSON the protocol defines: elements flat, row-major. */
export function inferResponseJson({ modelName, modelVersion, id, outputs }: InferResponse) {
  return {
    model_name: modelName,
    model_version: modelVersion,
    ...(id === undefined ? {} : { id }),
    outputs: outputs.map(({ name, datatype, shape, data }) => ({ name, datatype, shape, data: Array.from(data as ArrayLike<number | string>) })),
  };
}
