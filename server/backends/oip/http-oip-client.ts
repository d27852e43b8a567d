import { datatypeOf, type TensorMetadata } from '../../protocols/oip/inference-tensors';
import type { InferenceBackendAddress } from '../backend-address';
import { fromFetchFailure, fromHttpStatus } from './backend-errors';
import { checkedOutput, deadlinesOf, versionNumber, versionNumbers, type OipClient } from './oip-client';

// The Open Inference Protocol's REST API (/v2/models/...) with fetch and JSON. Each call opens what it needs, so a
// backend that comes back answers the next call.

type Json = Record<string, unknown>;

const path = (model: string, rest = '') => `/v2/models/${encodeURIComponent(model)}${rest}`;

function tensorMetadata(value: unknown): TensorMetadata {
  const { name, datatype, shape } = value as { name: string; datatype: string; shape: number[] };
  return { name: String(name), datatype: datatypeOf(String(name), String(datatype)), shape: Array.isArray(shape) ? shape.map(Number) : [] };
}

export function createHttpOipClient(address: InferenceBackendAddress): OipClient {
  const { baseUrl, label } = address;
  const deadlines = deadlinesOf(address);
  let closed = false;

  async function call(route: string, deadlineMs: number, body?: Json): Promise<{ status: number; json: Json }> {
    if (closed) throw fromFetchFailure(label, new Error('the client is closed'));
    try {
      const response = await fetch(new URL(route, baseUrl), {
        method: body ? 'POST' : 'GET',
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body && JSON.stringify(body),
        signal: AbortSignal.timeout(deadlineMs),
      });
      const json = (await response.json().catch(() => ({}))) as Json;
      return { status: response.status, json };
    } catch (error) {
      throw fromFetchFailure(label, error);
    }
  }

  async function succeeded(route: string, deadlineMs: number, body?: Json): Promise<Json> {
    const { status, json } = await call(route, deadlineMs, body);
    if (status < 200 || status > 299) throw fromHttpStatus(label, status, json);
    return json;
  }

  return {
    async modelReady(model) {
      // 200 ready, 503 not (yet); anything else is the model's problem, e.g. 404.
      const { status, json } = await call(path(model, '/ready'), deadlines.metadata);
      if (status === 200 || status === 503) return status === 200;
      throw fromHttpStatus(label, status, json);
    },

    async modelMetadata(model) {
      const json = await succeeded(path(model), deadlines.metadata);
      const list = (value: unknown) => (Array.isArray(value) ? value : []);
      return {
        name: String(json.name ?? model),
        versions: versionNumbers(list(json.versions).map(String)),
        inputs: list(json.inputs).map(tensorMetadata),
        outputs: list(json.outputs).map(tensorMetadata),
      };
    },

    async infer(request) {
      const { input } = request;
      const route = path(request.model, request.version === undefined ? '/infer' : `/versions/${request.version}/infer`);
      const json = await succeeded(route, deadlines.infer, {
        inputs: [{ name: input.name, datatype: 'FP32', shape: input.shape, data: Array.from(input.data) }],
        outputs: [{ name: request.output }],
      });
      const outputs = Array.isArray(json.outputs) ? (json.outputs as Json[]) : [];
      const found = outputs.find((output) => output.name === request.output);
      const output = found && {
        name: String(found.name),
        datatype: String(found.datatype),
        shape: Array.isArray(found.shape) ? found.shape.map(Number) : [],
        data: Float32Array.from((Array.isArray(found.data) ? found.data : []).flat(Infinity) as number[]),
      };
      return { version: versionNumber(json.model_version === undefined ? undefined : String(json.model_version)), output: checkedOutput(output, request) };
    },

    close() {
      closed = true;
    },
  };
}
