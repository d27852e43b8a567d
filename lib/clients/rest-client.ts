import type { ErrorBody, ModelDescriptor, PredictionInput, PredictionResult } from '../contract';
import { ModelWireError } from '../model-wire-error';
import type { CallOutcome, ProtocolClient } from './protocol-client';

const byteLength = (text: string) => new TextEncoder().encode(text).length;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function jsonBody(input: PredictionInput, topK: number | undefined): Record<string, unknown> {
  const options = topK === undefined ? {} : { topK };
  switch (input.kind) {
    case 'text':
      return { text: input.text, ...options };
    case 'features':
      return { features: input.rows, ...options };
    case 'image':
      return { image: toBase64(input.image), ...options };
  }
}

function errorOf(status: number, body: unknown): ErrorBody & { native: string } {
  const problem = (body ?? {}) as { code?: unknown; detail?: unknown; title?: unknown };
  return {
    code: ModelWireError.isCode(problem.code) ? problem.code : 'internal',
    message: typeof problem.detail === 'string' ? problem.detail : `HTTP ${status}`,
    native: `HTTP ${status}${typeof problem.title === 'string' ? ` ${problem.title}` : ''}`,
  };
}

/** REST over fetch, against the API server's /v1 routes. */
export function createRestClient(baseUrl: string): ProtocolClient {
  return {
    protocol: 'rest',
    async listModels(): Promise<ModelDescriptor[]> {
      const response = await fetch(`${baseUrl}/v1/models`);
      if (!response.ok) throw new Error(`GET /v1/models answered HTTP ${response.status}`);
      return ((await response.json()) as { models: ModelDescriptor[] }).models;
    },
    async predict(model, input, options = {}): Promise<CallOutcome<PredictionResult>> {
      const path = `/v1/models/${encodeURIComponent(model)}/predict`;
      const body = JSON.stringify(jsonBody(input, options.topK));
      const started = performance.now();
      const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const text = await response.text();
      const roundTripMs = performance.now() - started;
      const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n');
      const wire = {
        request: `POST ${path} HTTP/1.1\ncontent-type: application/json\n\n${body.length > 2000 ? `${body.slice(0, 2000)}… (${body.length} chars)` : body}`,
        response: `HTTP/1.1 ${response.status} ${response.statusText}\n${headers}\n\n${text}`,
        requestBytes: byteLength(body),
        responseBytes: byteLength(text),
      };
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      if (!response.ok) return { ok: false, error: errorOf(response.status, parsed), roundTripMs, wire };
      return { ok: true, value: parsed as PredictionResult, roundTripMs, wire };
    },
  };
}
