import { randomUUID } from 'node:crypto';
import { connect as connectHttp2, constants } from 'node:http2';
import { connect } from 'node:net';
import { createClient } from '@connectrpc/connect';
import { createGrpcWebTransport } from '@connectrpc/connect-web';
import type * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { InferenceService } from '../lib/gen/modelwire/v1/inference_pb';
import { unary, useGrpcJsClients } from './grpc-support';
import { postJson } from './support/start-api';
import { useApi } from './support/use-api';
import { TestSocket, wsUrlOf } from './websocket-client';

// REQUEST_TIMEOUT_MS bounds how long a client may take to *send* a request, on the API port and on native gRPC, while
// answers that stream for long (WebSocket, SSE, gRPC server streams) outlive it.

const TIMEOUT_MS = 1000;
/** Node checks for late requests every tenth of the timeout; the rest is a loaded machine's slack. */
const CUT_WITHIN_MS = TIMEOUT_MS + 1500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes `text` on a raw TCP connection and never more; resolves with what came back once the server closes it. */
function stalledRequest(port: number, text: string): Promise<{ answer: string; closedAfterMs: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('error', () => {});
    socket.on('close', () => resolve({ answer, closedAfterMs: performance.now() - started }));
  });
}

const SENTIMENT = (api: { url: string }) => postJson(`${api.url}/v1/models/sentiment/predict`, { text: 'I love this.' });

describe(`request deadlines with REQUEST_TIMEOUT_MS=${TIMEOUT_MS}`, () => {
  const api = useApi({ env: { REQUEST_TIMEOUT_MS: String(TIMEOUT_MS) } });
  const clients = useGrpcJsClients(api);
  const port = () => Number(new URL(api().url).port);

  it('answers 408 and closes a request whose body stalls (10 of 1000 bytes), while another client is served', async () => {
    const head = 'POST /v1/models/sentiment/predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n';
    const stalled = stalledRequest(port(), `${head}{"text": "`);
    expect((await SENTIMENT(api())).status).toBe(200);
    const { answer, closedAfterMs } = await stalled;
    expect(answer).toMatch(/^(HTTP\/1\.1 408 |$)/);
    expect(closedAfterMs).toBeLessThan(CUT_WITHIN_MS);
    expect((await SENTIMENT(api())).status).toBe(200);
  });

  it('closes a connection whose headers never end', async () => {
    const { answer, closedAfterMs } = await stalledRequest(port(), 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    expect(answer).toMatch(/^(HTTP\/1\.1 408 |$)/);
    expect(closedAfterMs).toBeLessThan(CUT_WITHIN_MS);
  });

  it('native gRPC: resets a unary call whose request never ends, while another call is answered', async () => {
    const session = connectHttp2(`http://${api().grpcAddress}`);
    const stream = session.request({ ':method': 'POST', ':path': '/modelwire.v1.InferenceService/Predict', 'content-type': 'application/grpc', te: 'trailers' });
    stream.on('error', () => {});
    stream.on('response', () => {});
    // A message announced as 1000 bytes, of which 10 are sent.
    stream.write(Buffer.concat([Buffer.from([0, 0, 0, 0x03, 0xe8]), Buffer.alloc(10)]));
    const started = performance.now();
    const closed = new Promise<number>((resolve) => stream.once('close', () => resolve(stream.rstCode ?? -1)));
    const answer = await unary(clients().inference, 'Predict', { model: 'sentiment', text: 'Still answering.' });
    expect(answer.model.name).toBe('sentiment');
    expect(await closed).toBe(constants.NGHTTP2_CANCEL);
    expect(performance.now() - started).toBeLessThan(CUT_WITHIN_MS);
    session.close();
  });

  it('keeps a /ws WebSocket open past the timeout', async () => {
    const socket = await TestSocket.open(wsUrlOf(api().url));
    await sleep(TIMEOUT_MS * 2.5);
    expect(await socket.request({ id: 'late', type: 'listModels' })).toMatchObject({ type: 'result' });
    socket.ws.close();
  });

  it('keeps a GraphQL SSE subscription open past the timeout, and it still delivers', async () => {
    const session = randomUUID();
    const query = 'subscription ($session: ID!) { sentimentStream(session: $session) { __typename ... on SentimentUpdate { text } } }';
    const response = await fetch(`${api().url}/graphql`, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables: { session } }),
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const readUntil = async (text: string) => {
      for (let seen = ''; !seen.includes(text); ) seen += (await reader.read()).value ?? '';
    };
    await readUntil('SentimentStreamOpened');
    await sleep(TIMEOUT_MS * 2.5);
    const push = 'mutation ($session: ID!, $text: String!) { pushSentimentText(session: $session, text: $text) }';
    expect((await postJson(`${api().url}/graphql`, { query: push, variables: { session, text: 'late but fine' } })).json.errors).toBeUndefined();
    await readUntil('late but fine');
    await reader.cancel();
  });

  it('keeps WatchSentiment open past the timeout, over gRPC-Web and native gRPC', async () => {
    const web = createClient(InferenceService, createGrpcWebTransport({ baseUrl: api().url }));
    const abort = new AbortController();
    const webSession = randomUUID();
    const webEvents = web.watchSentiment({ sessionId: webSession }, { signal: abort.signal })[Symbol.asyncIterator]();
    expect((await webEvents.next()).value.event.case).toBe('opened');

    const nativeSession = randomUUID();
    const native = clients().inference.WatchSentiment!({ sessionId: nativeSession }) as grpc.ClientReadableStream<any>;
    const nativeEvents = native[Symbol.asyncIterator]();
    expect((await nativeEvents.next()).value.event).toBe('opened');

    await sleep(TIMEOUT_MS * 2.5);
    await web.pushSentimentText({ sessionId: webSession, text: 'still here' });
    await unary(clients().inference, 'PushSentimentText', { sessionId: nativeSession, text: 'still here' });
    expect((await webEvents.next()).value.event).toMatchObject({ case: 'update', value: { text: 'still here' } });
    expect((await nativeEvents.next()).value).toMatchObject({ event: 'update', update: { text: 'still here' } });
    abort.abort();
    native.cancel();
  });

  it('keeps a native StreamSentiment (bidi) open past the timeout: its request stays open by design', async () => {
    const call = clients().inference.StreamSentiment!() as grpc.ClientDuplexStream<object, any>;
    const events = call[Symbol.asyncIterator]();
    call.write({ text: 'first words' });
    expect((await events.next()).value).toMatchObject({ update: { text: 'first words' } });
    await sleep(TIMEOUT_MS * 2.5);
    call.write({ text: 'said much later' });
    expect((await events.next()).value).toMatchObject({ update: { text: 'said much later' } });
    call.end();
  });
});
