import { encodeBody, IMAGE_PLACEHOLDER } from '../encoding/encoded-body';
import { shownHeaders } from './authorization-header';
import type { ServerTime } from './call-timing';
import type { WireExchange, WireMessage } from './protocol-client';
import { timedFetch, type HttpRoundTrip } from './timed-fetch';
import { byteLength, headersOf, prettyJson, shorten } from './wire-format';

// urql owns the HTTP request, so the GraphQL client hands it a fetch that records what went over the wire.

export interface RecordedExchange {
  /** Undefined when no response arrived (the fetch itself failed). */
  status: number | undefined;
  statusText: string;
  roundTripMs: number;
  wire: WireExchange;
  /** What the exchange measured; decoding is measured by the caller, from `receivedAt` on. */
  timing?: HttpRoundTrip & { server?: ServerTime; encodeMs: number; receivedAt: number };
}

export interface RecordingOptions {
  /** performance.now() when the call began, so encoding covers urql's work up to the fetch. */
  startedAt: number;
  /** An image whose base64 goes where the variables hold IMAGE_PLACEHOLDER (spliced in here, encoded off the main thread). */
  image?: Uint8Array;
  /** The caller's cancel, besides urql's own. */
  signal?: AbortSignal;
}

/** Variables with long strings (base64 images) shortened, for display only. */
const shortStrings = (_key: string, value: unknown) => (typeof value === 'string' && value.length > 120 ? shorten(value, 120) : value);

/** A GraphQL-over-HTTP JSON body as a learner reads it: the document, then the variables. */
function describeOperation(json: string): string {
  try {
    const { query, variables, operationName } = JSON.parse(json) as { query?: string; variables?: unknown; operationName?: string };
    const name = operationName ? `# operationName: ${operationName}\n` : '';
    return `${name}${query ?? ''}\n\n# variables\n${JSON.stringify(variables ?? {}, shortStrings, 2)}`;
  } catch {
    return shorten(json);
  }
}

/** A multipart body (GraphQL multipart request spec) part by part: operations, map, then each file. */
function describeForm(form: FormData): string {
  return [...form.entries()]
    .map(([name, value]) => {
      if (typeof value !== 'string') return `# part "${name}": file "${value.name}" (${value.size} bytes, ${value.type || 'no type'})`;
      return name === 'operations' ? `# part "operations"\n${describeOperation(value)}` : `# part "${name}"\n${value}`;
    })
    .join('\n\n');
}

const pathOf = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

export function createRecordingFetch({ startedAt, image, signal }: RecordingOptions): { fetch: typeof fetch; exchange(): Promise<RecordedExchange> } {
  let recorded: Promise<RecordedExchange> | undefined;

  const recordingFetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = input instanceof Request ? input.url : String(input);
    const headers = new Headers(init.headers);
    let body = init.body;
    let request: WireMessage;
    const summary = `${init.method ?? 'GET'} ${pathOf(url)} HTTP/1.1`;
    if (body instanceof FormData) {
      // Serialized here, so the bytes and the multipart boundary shown are the ones sent.
      const serialized = new Request(url, { method: 'POST', body });
      headers.set('content-type', serialized.headers.get('content-type') ?? 'multipart/form-data');
      const bytes = new Uint8Array(await serialized.arrayBuffer());
      request = { summary, headers: shownHeaders(headers), body: describeForm(body), bytes: bytes.length };
      body = bytes;
    } else {
      const text = typeof body === 'string' ? body : '';
      const withImage = image && text.includes(IMAGE_PLACEHOLDER) ? image : undefined;
      const encoded = await encodeBody((imageText = IMAGE_PLACEHOLDER) => text.replace(IMAGE_PLACEHOLDER, () => imageText), withImage);
      request = { summary, headers: shownHeaders(headers), body: describeOperation(encoded.shown), bytes: encoded.bytes };
      if (withImage) body = encoded.body;
    }

    const sentAt = performance.now();
    const encodeMs = sentAt - startedAt;
    let finish: (exchange: RecordedExchange) => void = () => {};
    recorded = new Promise((resolve) => (finish = resolve));
    try {
      const signals = [init.signal, signal].filter((one): one is AbortSignal => one instanceof AbortSignal);
      const exchange = await timedFetch(url, { ...init, headers, body, signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0] });
      const { response, text, roundTripMs } = exchange;
      const responseMessage = { summary: `HTTP/1.1 ${response.status} ${response.statusText}`, headers: headersOf(response.headers), body: shorten(prettyJson(text)), bytes: byteLength(text) };
      const timing = { connect: exchange.connect, clock: exchange.clock, roundTripMs, server: exchange.server, encodeMs, receivedAt: exchange.receivedAt };
      finish({ status: response.status, statusText: response.statusText, roundTripMs, wire: { request, response: responseMessage }, timing });
      // urql reads the body again, from this copy.
      return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const noResponse = { summary: 'no response', headers: [], body: message, bytes: 0 };
      finish({ status: undefined, statusText: '', roundTripMs: performance.now() - sentAt, wire: { request, response: noResponse } });
      throw error;
    }
  };

  const nothingSent: RecordedExchange = {
    status: undefined,
    statusText: '',
    roundTripMs: 0,
    wire: { request: { summary: 'not sent', headers: [], body: '', bytes: 0 }, response: { summary: 'no response', headers: [], body: '', bytes: 0 } },
  };
  return { fetch: recordingFetch as typeof fetch, exchange: () => recorded ?? Promise.resolve(nothingSent) };
}
