import { connect as connectHttp2 } from 'node:http2';
import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { expectGrpcStatus, unary, useGrpcJsClients } from './grpc-support';
import { faultOfXml } from './soap-faults';
import type { RunningApi } from './support/start-api';
import { useApi } from './support/use-api';

// A body within the byte limit but dense enough to take seconds to parse (JSON arrays, XML elements, protobuf
// messages) is refused before parsing, as too_large in each protocol's own form, and the event loop (this process runs
// the server) never stalls on it. Without the budgets each of these bodies blocked every client for 2 to 10 s.

const MIB = 1024 * 1024;
/** Far below what parsing these bodies took without the budgets; far above what the scans take on a loaded machine. */
const MAX_STALL_MS = 1000;

/** The longest the event loop went without running a timer while `work` ran. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  let stallMs = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 5);
  try {
    return { result: await work(), stallMs };
  } finally {
    clearInterval(timer);
  }
}

async function post(api: RunningApi, path: string, contentType: string, body: string | Uint8Array<ArrayBuffer>) {
  const response = await fetch(`${api.url}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}

/** 16 MiB of JSON rows, `[[1],[1],...]`: ~4 million arrays, under the 20 MiB body limit. */
const DENSE_ROWS = `[${'[1],'.repeat(4 * MIB - 1)}[1]]`;

describe('parse budgets: dense bodies are refused unparsed, in each protocol\'s form', () => {
  const api = useApi();
  const clients = useGrpcJsClients(api);

  it('REST: 16 MiB of JSON rows → 413 too_large problem+json', async () => {
    const { result, stallMs } = await longestStall(() => post(api(), '/v1/models/houses/train', 'application/json', `{"X": ${DENSE_ROWS}, "y": [1]}`));
    expect(result.status).toBe(413);
    expect(result.contentType).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(result.text)).toMatchObject({ code: 'too_large', limit: 'json_structure' });
    expect(stallMs).toBeLessThan(MAX_STALL_MS);
  });

  it('GraphQL: the same rows as variables → HTTP 413, errors[0].extensions.code too_large', async () => {
    const body = `{"query": "mutation ($X: [[Float!]!]!) { train(model: \\"m\\", X: $X, y: [1]) { r2 } }", "variables": {"X": ${DENSE_ROWS}}}`;
    const { result, stallMs } = await longestStall(() => post(api(), '/graphql', 'application/json', body));
    expect(result.status).toBe(413);
    expect(JSON.parse(result.text).errors[0].extensions).toMatchObject({ code: 'too_large', limit: 'json_structure' });
    expect(stallMs).toBeLessThan(MAX_STALL_MS);
  });

  it('SOAP: 12 MB of elements, or 1 MiB of attributes → a too_large Fault', async () => {
    const envelope = (body: string) =>
      `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:mw="https://modelwire.dev/soap/v1"><s:Body>${body}</s:Body></s:Envelope>`;
    const rows = '<mw:row><mw:value>1</mw:value></mw:row>'.repeat(300_000);
    const attributes = `<mw:Predict><mw:model a="${'b'.repeat(MIB)}">sentiment</mw:model><mw:text>hi</mw:text></mw:Predict>`;
    for (const body of [envelope(`<mw:Train><mw:model>m</mw:model><mw:rows>${rows}</mw:rows></mw:Train>`), envelope(attributes)]) {
      const { result, stallMs } = await longestStall(() => post(api(), '/soap', 'text/xml; charset=utf-8', body));
      expect(faultOfXml(result.status, result.text)).toMatchObject({ faultcode: 'soap:Client', code: 'too_large' });
      expect(stallMs).toBeLessThan(MAX_STALL_MS);
    }
  });

  it('native gRPC: 100,000 empty FeatureRows, or one row of 600,000 numbers → RESOURCE_EXHAUSTED too_large', async () => {
    const emptyRows = { model: 'm', rows: Array.from({ length: 100_000 }, () => ({})), targets: [1] };
    const longRow = { model: 'm', rows: [{ values: new Array(600_000).fill(1) }], targets: [1] };
    for (const request of [emptyRows, longRow]) {
      const { stallMs } = await longestStall(() => expectGrpcStatus(unary(clients().inference, 'Train', request), status.RESOURCE_EXHAUSTED, 'too_large'));
      expect(stallMs).toBeLessThan(MAX_STALL_MS);
    }
  });

  it('native gRPC StreamSentiment (bidi): a message of 600,000 unknown fields ends the call RESOURCE_EXHAUSTED too_large', async () => {
    const message = Buffer.alloc(3 * 600_000);
    for (let at = 0; at < message.length; at += 3) message.set([0x98, 0x06, 1], at); // field 99, varint 1
    const frame = Buffer.concat([Buffer.from([0, 0, 0, 0, 0]), message]);
    frame.writeUInt32BE(message.length, 1);
    const session = connectHttp2(`http://${api().grpcAddress}`);
    const stream = session.request({ ':method': 'POST', ':path': '/modelwire.v1.InferenceService/StreamSentiment', 'content-type': 'application/grpc', te: 'trailers' });
    const trailers = new Promise<Record<string, unknown>>((resolve) => stream.once('trailers', resolve));
    stream.on('error', () => {});
    stream.resume();
    const { result, stallMs } = await longestStall(async () => {
      stream.write(frame);
      return trailers;
    });
    expect(result).toMatchObject({ 'grpc-status': String(status.RESOURCE_EXHAUSTED), 'modelwire-code': 'too_large' });
    expect(stallMs).toBeLessThan(MAX_STALL_MS);
    session.destroy();
  });

  it('Connect JSON: 50,000 rows → 429 resource_exhausted with modelwire-code too_large', async () => {
    const body = JSON.stringify({ model: 'm', rows: Array.from({ length: 50_000 }, () => ({ values: [1] })), targets: [1] });
    const response = await fetch(`${api().url}/modelwire.v1.InferenceService/Train`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(429);
    expect(response.headers.get('modelwire-code')).toBe('too_large');
    expect((await response.json()).code).toBe('resource_exhausted');
  });
});

describe('malformed multipart and query parameters are the client\'s mistake (4xx), never a 500', () => {
  const api = useApi();

  it('REST: multipart without a boundary, or cut short → 400 invalid_input problem+json', async () => {
    for (const [path, contentType] of [
      ['/v1/models/mobilenetv2/predict', 'multipart/form-data'],
      ['/classify', 'multipart/form-data'],
      ['/v1/models/mobilenetv2/predict', 'multipart/form-data; boundary=XX'],
    ] as const) {
      const result = await post(api(), path, contentType, '--XX\r\nContent-Disposition: form-data; name="image"; filename="a.png"\r\n\r\nabc');
      expect(result.status, `${path} ${contentType}`).toBe(400);
      expect(result.contentType).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(result.text)).toMatchObject({ code: 'invalid_input', detail: expect.stringMatching(/multipart/i) });
    }
  });

  it('GraphQL: multipart without a boundary → 400 invalid_input; GET with malformed variables → 400 invalid_input', async () => {
    const multipart = await post(api(), '/graphql', 'multipart/form-data', 'hello');
    expect(multipart.status).toBe(400);
    expect(JSON.parse(multipart.text).errors[0].extensions.code).toBe('invalid_input');
    for (const param of ['variables', 'extensions']) {
      const response = await fetch(`${api().url}/graphql?query=${encodeURIComponent('{ models { name } }')}&${param}=%7Bx`, { headers: { accept: 'application/json' } });
      expect(response.status).toBe(400);
      expect((await response.json()).errors[0]).toMatchObject({ extensions: { code: 'invalid_input' }, message: expect.stringContaining(param) });
    }
  });
});
