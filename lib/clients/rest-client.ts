import type { ModelDescriptor, PredictionResult, TrainRequest, TrainResult } from '../contract';
import { ModelWireError } from '../model-wire-error';
import { authorizationFlag, authorizationHeader, shownHeaders } from './authorization-header';
import { credentials as sharedCredentials, type CredentialOption } from './credentials';
import type { CallOutcome, ProtocolClient, ProtocolError } from './protocol-client';
import { headersOf, httpMessage, jsonInputFields, shellQuote } from './wire-format';

function problemOf(status: number, statusText: string, body: unknown): ProtocolError {
  const problem = (body ?? {}) as { code?: unknown; detail?: unknown };
  return {
    code: ModelWireError.isCode(problem.code) ? problem.code : 'internal',
    message: typeof problem.detail === 'string' ? problem.detail : `HTTP ${status}`,
    native: `HTTP ${status} ${statusText}`.trim(),
  };
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** REST over fetch, against the API server's /v1 routes; `Authorization: Bearer` on every call when signed in. */
export function createRestClient(baseUrl: string, { credentials = sharedCredentials }: CredentialOption = {}): ProtocolClient {
  async function post<T>(path: string, payload: unknown): Promise<CallOutcome<T>> {
    const body = JSON.stringify(payload);
    const requestHeaders: Array<[string, string]> = [['content-type', 'application/json'], ...authorizationHeader(credentials)];
    const started = performance.now();
    const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: requestHeaders, body });
    const text = await response.text();
    const roundTripMs = performance.now() - started;
    const wire = {
      request: httpMessage(`POST ${path} HTTP/1.1`, shownHeaders(requestHeaders), body),
      response: httpMessage(`HTTP/1.1 ${response.status} ${response.statusText}`, headersOf(response.headers), text),
    };
    const parsed = parseJson(text);
    if (!response.ok) return { ok: false, error: problemOf(response.status, response.statusText, parsed), roundTripMs, wire };
    return { ok: true, value: parsed as T, roundTripMs, wire };
  }

  const predictPath = (model: string) => `/v1/models/${encodeURIComponent(model)}/predict`;

  return {
    protocol: 'rest',
    async listModels(): Promise<ModelDescriptor[]> {
      const response = await fetch(`${baseUrl}/v1/models`);
      if (!response.ok) throw new Error(`GET /v1/models answered HTTP ${response.status}`);
      return ((await response.json()) as { models: ModelDescriptor[] }).models;
    },
    predict: (model, input, options = {}) => post<PredictionResult>(predictPath(model), jsonInputFields(input, options.topK)),
    train: (model, request: TrainRequest) => post<TrainResult>(`/v1/models/${encodeURIComponent(model)}/train`, request),
    copyAs(model, input, options = {}) {
      const target = `${baseUrl}${predictPath(model)}${authorizationFlag(credentials)}`;
      if (input.kind === 'image') return `curl -X POST ${target} -F image=@photo.jpg${options.topK ? ` -F topK=${options.topK}` : ''}`;
      return `curl -X POST ${target} -H 'content-type: application/json' -d ${shellQuote(JSON.stringify(jsonInputFields(input, options.topK)))}`;
    },
    close() {},
  };
}
