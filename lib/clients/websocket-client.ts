import type { ModelDescriptor, PredictionInput, PredictionResult, TrainResult } from '../contract';
// Isomorphic (no Buffer): the server decodes binary frames with the same module.
import { joinBinaryFrame } from '../websocket-binary-frame';
import { blobAroundImage } from '../encoding/off-main-thread';
import { shortToken } from './authorization-header';
import { serverTimeOfReply, since, timedConnect, type CallTiming, type ServerTime } from './call-timing';
import { credentials as sharedCredentials, type CredentialOption } from './credentials';
import type { CallOutcome, ProtocolClient, WireMessage } from './protocol-client';
import { createWebSocketConnection, type ServerFrame, type WebSocketConstructor, type WebSocketLike } from './websocket-connection';
import { openWebSocketSentimentStream } from './websocket-stream';
import { closeErrorOf, closeFrame, errorMessageOf, noReply, receivedTextFrame, sentBinaryFrame, sentTextFrame, timeoutErrorOf, webSocketCopyAs } from './websocket-wire';

export interface WebSocketClientOptions extends CredentialOption {
  /** The WebSocket class: the browser's global by default; in Node 20 pass `ws`'s (`import WebSocket from 'ws'`). */
  WebSocket?: WebSocketConstructor;
  /** How long a call waits for its reply (default 30 s). */
  timeoutMs?: number;
}

/** ws(s)://host:port/ws from the API's http(s) base URL. */
export const webSocketUrlOf = (baseUrl: string) => `${baseUrl.replace(/^http/, 'ws')}/ws`;

/** The token rides in the URL's query (`?access_token=`), the one place a browser's WebSocket lets it go. */
const withAccessToken = (url: string, token: string | undefined) => (token ? `${url}?access_token=${encodeURIComponent(token)}` : url);

function createSocket(url: string, WebSocketClass: WebSocketConstructor | undefined): WebSocketLike {
  const Class = WebSocketClass ?? (typeof globalThis.WebSocket === 'function' ? globalThis.WebSocket : undefined);
  if (!Class) throw new Error('This runtime has no WebSocket class; pass one: createWebSocketClient(url, { WebSocket }) with `ws` in Node.');
  return new Class(url);
}

/** A JSON predict request, or the header of the binary frame that carries an image. */
function predictRequest(id: string, model: string, input: PredictionInput, topK: number | undefined): Record<string, unknown> {
  const request = { id, type: 'predict', model, ...(topK === undefined ? {} : { topK }) };
  switch (input.kind) {
    case 'text':
      return { ...request, input: { text: input.text } };
    case 'features':
      return { ...request, input: { features: input.rows } };
    case 'image':
      return request;
  }
}

/**
 * The binary frame of an image request, [header length][header][image], as a Blob around the image's Blob (made off the
 * main thread): WebSocket.send() of a Blob does not copy megabytes on the page's main thread, as sending bytes does.
 */
const binaryFrame = (header: Record<string, unknown>, image: Uint8Array): Promise<Blob> => blobAroundImage(joinBinaryFrame(header, new Uint8Array(0)), image);

/** A request as a JSON text frame, or with an image as a binary frame; and what the wire view shows of it. */
async function encodeRequest(request: Record<string, unknown>, image: Uint8Array | undefined): Promise<{ frame: string | Blob; shown: WireMessage }> {
  if (!image) {
    const text = JSON.stringify(request);
    return { frame: text, shown: sentTextFrame(text, request) };
  }
  const frame = await binaryFrame(request, image);
  return { frame, shown: sentBinaryFrame(joinBinaryFrame(request, image.subarray(0, 256)), frame.size, request, image.byteLength) };
}

/** The reply's fields without the protocol's own `id` and `type`. */
function valueOf<T>({ message }: ServerFrame): T {
  const { id: _id, type: _type, ...value } = message;
  return value as T;
}

/** Close code 1001: the server is going away (shutting down). */
const GOING_AWAY = 1001;

/**
 * WebSockets through the WebSocket API (the browser's, or `ws` in Node): one connection to /ws opened on the first call
 * and reopened by the first call after it closed; JSON text frames with request ids, images as one binary frame.
 */
export function createWebSocketClient(baseUrl: string, options: WebSocketClientOptions = {}): ProtocolClient {
  const url = webSocketUrlOf(baseUrl);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const credentials = options.credentials ?? sharedCredentials;
  const connection = createWebSocketConnection(url, (socketUrl) => createSocket(withAccessToken(socketUrl, credentials.get()?.token), options.WebSocket), timeoutMs);
  // A new token needs a new connection: the next call opens it with the token in its URL.
  const stopWatchingCredentials = credentials.subscribe(() => connection.close());
  let lastId = 0;
  const nextId = () => String(++lastId);

  const connectFirst = () => timedConnect(() => connection.open(), 'opened the WebSocket');

  /**
   * One request and its reply. A server going away (1001: a replica shutting down behind a load balancer) answers
   * everything it had before it closes, so a request it closed on was never run: `idempotent` ones are sent once more,
   * on a new connection (that reaches another replica).
   */
  async function call<T>(request: Record<string, unknown>, image?: Uint8Array, idempotent = false): Promise<CallOutcome<T>> {
    const id = String(request.id);
    const connect = await connectFirst();
    const encodeStarted = performance.now();
    const { frame, shown } = await encodeRequest(request, image);
    const encodeMs = since(encodeStarted);
    let sent = shown;
    const token = credentials.get()?.token;
    if (token) sent = { ...sent, headers: [...sent.headers, ['connected with', `GET /ws?access_token=${shortToken(token)}`]] };
    const started = performance.now();
    const outcome = await connection.request(id, frame);
    const timing = (decodeMs: number, server?: ServerTime): CallTiming => ({ connect, encodeMs, server, decodeMs, clock: 'page' });
    switch (outcome.kind) {
      case 'reply': {
        const { receivedAt, message } = outcome.frame;
        const answer = message.type === 'error' ? { ok: false as const, error: errorMessageOf(message) } : { ok: true as const, value: valueOf<T>(outcome.frame) };
        // Decoding: the frame's JSON parsed on arrival, then its fields taken.
        const decodeMs = since(receivedAt);
        const wire = { request: sent, response: receivedTextFrame(outcome.frame) };
        return { ...answer, roundTripMs: receivedAt - started, wire, timing: timing(decodeMs, answer.ok ? serverTimeOfReply(answer.value) : undefined) };
      }
      case 'closed':
        if (idempotent && outcome.closed.code === GOING_AWAY) return call<T>({ ...request, id: nextId() }, image, false);
        return { ok: false, error: closeErrorOf(outcome.closed), roundTripMs: since(started), wire: { request: sent, response: closeFrame(outcome.closed) }, timing: timing(0) };
      case 'timeout':
        return { ok: false, error: timeoutErrorOf(outcome.timeoutMs), roundTripMs: since(started), wire: { request: sent, response: noReply(outcome.timeoutMs) }, timing: timing(0) };
    }
  }

  return {
    protocol: 'websocket',
    connect: connectFirst,
    async listModels(): Promise<ModelDescriptor[]> {
      const outcome = await call<{ models: ModelDescriptor[] }>({ id: nextId(), type: 'listModels' }, undefined, true);
      if (!outcome.ok) throw new Error(`WebSocket listModels failed: ${outcome.error.message} (${outcome.error.native})`);
      return outcome.value.models;
    },
    predict: (model, input, { topK } = {}) =>
      call<PredictionResult>(predictRequest(nextId(), model, input, topK), input.kind === 'image' ? input.image : undefined, true),
    train: (model, { X, y, ridge }) => call<TrainResult>({ id: nextId(), type: 'train', model, X, y, ...(ridge === undefined ? {} : { ridge }) }),
    copyAs: (model, input, { topK } = {}) => webSocketCopyAs(url, predictRequest('1', model, input, topK), input.kind === 'image', credentials.get() !== undefined),
    openSentimentStream: (onEvent) => openWebSocketSentimentStream(connection, `stream-${nextId()}`, onEvent),
    close() {
      stopWatchingCredentials();
      connection.close();
    },
  };
}
