import type { ModelDescriptor, PredictionInput, PredictionResult, TrainResult } from '../contract';
// Isomorphic (no Buffer): the server decodes binary frames with the same module.
import { joinBinaryFrame } from '../websocket-binary-frame';
import { shortToken } from './authorization-header';
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

/** The reply's fields without the protocol's own `id` and `type`. */
function valueOf<T>({ message }: ServerFrame): T {
  const { id: _id, type: _type, ...value } = message;
  return value as T;
}

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

  async function call<T>(request: Record<string, unknown>, image?: Uint8Array): Promise<CallOutcome<T>> {
    const id = String(request.id);
    let frame: string | Uint8Array;
    let sent: WireMessage;
    if (image) {
      frame = joinBinaryFrame(request, image);
      sent = sentBinaryFrame(frame, request, image.byteLength);
    } else {
      frame = JSON.stringify(request);
      sent = sentTextFrame(frame, request);
    }
    const token = credentials.get()?.token;
    if (token) sent = { ...sent, headers: [...sent.headers, ['connected with', `GET /ws?access_token=${shortToken(token)}`]] };
    const started = performance.now();
    const outcome = await connection.request(id, frame);
    const roundTripMs = performance.now() - started;
    switch (outcome.kind) {
      case 'reply': {
        const wire = { request: sent, response: receivedTextFrame(outcome.frame) };
        if (outcome.frame.message.type === 'error') return { ok: false, error: errorMessageOf(outcome.frame.message), roundTripMs, wire };
        return { ok: true, value: valueOf<T>(outcome.frame), roundTripMs, wire };
      }
      case 'closed':
        return { ok: false, error: closeErrorOf(outcome.closed), roundTripMs, wire: { request: sent, response: closeFrame(outcome.closed) } };
      case 'timeout':
        return { ok: false, error: timeoutErrorOf(outcome.timeoutMs), roundTripMs, wire: { request: sent, response: noReply(outcome.timeoutMs) } };
    }
  }

  return {
    protocol: 'websocket',
    async listModels(): Promise<ModelDescriptor[]> {
      const outcome = await call<{ models: ModelDescriptor[] }>({ id: nextId(), type: 'listModels' });
      if (!outcome.ok) throw new Error(`WebSocket listModels failed: ${outcome.error.message} (${outcome.error.native})`);
      return outcome.value.models;
    },
    predict: (model, input, { topK } = {}) =>
      call<PredictionResult>(predictRequest(nextId(), model, input, topK), input.kind === 'image' ? input.image : undefined),
    train: (model, { X, y, ridge }) => call<TrainResult>({ id: nextId(), type: 'train', model, X, y, ...(ridge === undefined ? {} : { ridge }) }),
    copyAs: (model, input, { topK } = {}) => webSocketCopyAs(url, predictRequest('1', model, input, topK), input.kind === 'image', credentials.get() !== undefined),
    openSentimentStream: (onEvent) => openWebSocketSentimentStream(connection, `stream-${nextId()}`, onEvent),
    close() {
      stopWatchingCredentials();
      connection.close();
    },
  };
}
