import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { GRPC_STATUS_NAMES, grpcFrames, grpcOutcomeOf, grpcStatusText } from './hostile-grpc-wire';
import { NO_CODE, type Outcome, type WireRequest } from './hostile-shape';

// Raw HTTP/1.1 by node:http: the path goes out as written (no "../" folded away as fetch would), each request on a
// fresh connection, and whatever comes back (an answer, a 408, a dropped socket, nothing) is reported as it was.

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type HttpResult = { answer: HttpAnswer; afterMs: number } | { closed: string; afterMs: number } | { silence: true; afterMs: number };

export interface ExchangeOptions {
  method?: string;
  timeoutMs?: number;
  /** Sends the headers and half the body, then nothing more (a slow client). */
  partial?: boolean;
}

export function httpExchange(port: number, request: WireRequest, { method = 'POST', timeoutMs = 10_000, partial = false }: ExchangeOptions = {}): Promise<HttpResult> {
  const started = performance.now();
  const headers = { ...request.headers };
  if (!Object.keys(headers).some((name) => /^(content-length|transfer-encoding)$/i.test(name))) headers['content-length'] = String(request.body.length);
  return new Promise((resolve) => {
    const afterMs = () => performance.now() - started;
    let answered = false;
    const client = httpRequest({ host: '127.0.0.1', port, method, path: request.target, headers, agent: false }, (response) => {
      // Once an answer has begun it is read to its end, even when the server stops reading the rest of the body (a 413).
      answered = true;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('close', () => finish({ answer: { status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }, afterMs: afterMs() }));
    });
    const timer = setTimeout(() => finish({ silence: true, afterMs: afterMs() }), timeoutMs);
    function finish(result: HttpResult) {
      clearTimeout(timer);
      client.destroy();
      resolve(result);
    }
    client.on('error', (error) => {
      if (!answered) finish({ closed: `connection closed (${(error as NodeJS.ErrnoException).code ?? error.message})`, afterMs: afterMs() });
    });
    if (partial) client.write(request.body.subarray(0, request.body.length >> 1));
    else client.end(request.body);
  });
}

/** A transport failure as an outcome; an answer is read by the lane's decoder. */
export function outcomeOf(result: HttpResult, decode: (answer: HttpAnswer) => Outcome): Outcome {
  if ('silence' in result) return { kind: 'silence', afterMs: result.afterMs };
  if ('closed' in result) return { kind: 'closed', native: result.closed, afterMs: result.afterMs };
  // Node answers a request that did not arrive in time with a bare 408 and closes the connection.
  if (result.answer.status === 408) return { kind: 'closed', native: 'HTTP 408 Request Timeout', afterMs: result.afterMs };
  return decode(result.answer);
}

const contentTypeOf = (answer: HttpAnswer) => String(answer.headers['content-type'] ?? '').split(';')[0]!.trim();
const textOf = (answer: HttpAnswer) => answer.body.toString('utf8');

function jsonOf(answer: HttpAnswer): any {
  try {
    return JSON.parse(textOf(answer));
  } catch {
    return undefined;
  }
}

/**
 * An answer in none of the lane's own forms: a problem+json refusal from before any protocol ran (the origin check,
 * fastify's own limits) with its code, or else the bare status and type.
 */
function undecoded(answer: HttpAnswer): Outcome {
  const problem = contentTypeOf(answer) === 'application/problem+json' ? jsonOf(answer) : undefined;
  if (typeof problem?.code === 'string') {
    if (problem.status !== answer.status) throw new Error(`problem+json says status ${String(problem.status)}, the response is ${answer.status}`);
    return { kind: 'error', code: problem.code, native: `HTTP ${answer.status} problem+json`, text: textOf(answer) };
  }
  return { kind: 'error', code: NO_CODE, native: `HTTP ${answer.status} ${contentTypeOf(answer) || 'without a body type'}`, text: textOf(answer).slice(0, 2000) };
}

/** REST: any 2xx is an answer; an error must be application/problem+json with the contract code in `code`. */
export const decodeProblem = (answer: HttpAnswer): Outcome =>
  answer.status < 300 ? { kind: 'answer', native: `HTTP ${answer.status}`, text: textOf(answer) } : undecoded(answer);

/** GraphQL: a JSON body with `errors[0].extensions.code`, or `data` without errors. */
export function decodeGraphql(answer: HttpAnswer): Outcome {
  const body = jsonOf(answer);
  const code = body?.errors?.[0]?.extensions?.code;
  if (typeof code === 'string') return { kind: 'error', code, native: `GraphQL errors (HTTP ${answer.status})`, text: textOf(answer) };
  if (answer.status === 200 && body?.data && !body.errors) return { kind: 'answer', native: 'GraphQL data', text: textOf(answer) };
  return undecoded(answer);
}

const xmlText = (xml: string, element: string) => new RegExp(`<(?:[\\w-]+:)?${element}(?:\\s[^>]*)?>([^<]*)</(?:[\\w-]+:)?${element}>`).exec(xml)?.[1];

/** SOAP 1.1: a soap:Fault with faultcode and detail/mw:error/mw:code, or a response envelope. */
export function decodeSoap(answer: HttpAnswer): Outcome {
  const xml = textOf(answer);
  if (/<(?:[\w-]+:)?Fault>/.test(xml)) {
    const soap11 = xml.includes('http://schemas.xmlsoap.org/soap/envelope/');
    return {
      kind: 'error',
      code: xmlText(xml, 'code') ?? NO_CODE,
      native: `${xmlText(xml, 'faultcode') ?? 'no faultcode'} (HTTP ${answer.status}${soap11 ? '' : ', not a SOAP 1.1 envelope'})`,
      text: xml,
    };
  }
  if (answer.status === 200 && /Response>/.test(xml)) return { kind: 'answer', native: 'SOAP response', text: xml };
  return undecoded(answer);
}

const CONNECT_CODES = GRPC_STATUS_NAMES.map((name) => name.toLowerCase().replace('cancelled', 'canceled'));
const headerOf = (answer: HttpAnswer, name: string) => {
  const value = answer.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

/** gRPC-Web (status in the headers or the trailer frame) and Connect unary (HTTP status, JSON error, headers). */
export function decodeGrpcWeb(answer: HttpAnswer): Outcome {
  const type = contentTypeOf(answer);
  if (type.startsWith('application/grpc-web')) {
    const { trailer } = grpcFrames(answer.body);
    const metadata = { ...trailer };
    for (const name of ['grpc-status', 'grpc-message', 'modelwire-code']) metadata[name] ??= headerOf(answer, name)!;
    if (metadata['grpc-status'] !== undefined) return grpcOutcomeOf(metadata, answer.body.toString('latin1'));
    return undecoded(answer);
  }
  if (answer.status === 200) return { kind: 'answer', native: 'Connect 200', text: textOf(answer) };
  const error = jsonOf(answer);
  const status = CONNECT_CODES.indexOf(error?.code);
  if (type !== 'application/json' || status < 0) return undecoded(answer);
  return { kind: 'error', code: headerOf(answer, 'modelwire-code') ?? NO_CODE, native: grpcStatusText(status), text: textOf(answer) };
}
