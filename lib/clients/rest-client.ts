import type { ModelDescriptor, PredictionInput, PredictionResult, TrainRequest, TrainResult } from '../contract';
import { encodeBody, type EncodedBody } from '../encoding/encoded-body';
import { ModelWireError } from '../model-wire-error';
import { authorizationFlag, authorizationHeader, shownHeaders } from './authorization-header';
import { since } from './call-timing';
import { credentials as sharedCredentials, type CredentialOption } from './credentials';
import type { CallOutcome, ProtocolClient, ProtocolError } from './protocol-client';
import { httpCallTiming, timedFetch } from './timed-fetch';
import { headersOf, httpMessage, jsonInputFields, photoBase64Between, shellQuote } from './wire-format';

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

/** The JSON body of a prediction; an image's base64 is encoded off the main thread. */
const predictBody = (input: PredictionInput, topK: number | undefined) =>
  encodeBody((imageText) => JSON.stringify(jsonInputFields(input, topK, imageText)), input.kind === 'image' ? input.image : undefined);

/** REST over fetch, against the API server's /v1 routes; `Authorization: Bearer` on every call when signed in. */
export function createRestClient(baseUrl: string, { credentials = sharedCredentials }: CredentialOption = {}): ProtocolClient {
  async function post<T>(path: string, encoded: EncodedBody, signal?: AbortSignal): Promise<CallOutcome<T>> {
    const requestHeaders: Array<[string, string]> = [['content-type', 'application/json'], ...authorizationHeader(credentials)];
    const exchange = await timedFetch(`${baseUrl}${path}`, { method: 'POST', headers: requestHeaders, body: encoded.body, signal });
    const { response, text, roundTripMs } = exchange;
    const parsed = parseJson(text);
    const timing = httpCallTiming(exchange, encoded.encodeMs, since(exchange.receivedAt));
    const wire = {
      request: httpMessage(`POST ${path} HTTP/1.1`, shownHeaders(requestHeaders), encoded.shown, encoded.bytes),
      response: httpMessage(`HTTP/1.1 ${response.status} ${response.statusText}`, headersOf(response.headers), text),
    };
    if (!response.ok) return { ok: false, error: problemOf(response.status, response.statusText, parsed), roundTripMs, wire, timing };
    return { ok: true, value: parsed as T, roundTripMs, wire, timing };
  }

  const predictPath = (model: string) => `/v1/models/${encodeURIComponent(model)}/predict`;

  return {
    protocol: 'rest',
    async listModels(): Promise<ModelDescriptor[]> {
      const response = await fetch(`${baseUrl}/v1/models`);
      if (!response.ok) throw new Error(`GET /v1/models answered HTTP ${response.status}`);
      return ((await response.json()) as { models: ModelDescriptor[] }).models;
    },
    predict: async (model, input, options = {}) => post<PredictionResult>(predictPath(model), await predictBody(input, options.topK), options.signal),
    train: async (model, request: TrainRequest) =>
      post<TrainResult>(`/v1/models/${encodeURIComponent(model)}/train`, await encodeBody(() => JSON.stringify(request))),
    copyAs(model, input, options = {}) {
      const target = `${baseUrl}${predictPath(model)}${authorizationFlag(credentials)}`;
      // The same JSON body the lane sends (and its wire view shows): the image as base64, here read from photo.jpg.
      if (input.kind === 'image') {
        const body = photoBase64Between('{"image": "', `"${options.topK ? `, "topK": ${options.topK}` : ''}}`);
        return `${body} | curl -X POST ${target} -H 'content-type: application/json' --data-binary @-`;
      }
      return `curl -X POST ${target} -H 'content-type: application/json' -d ${shellQuote(JSON.stringify(jsonInputFields(input, options.topK)))}`;
    },
    close() {},
  };
}
