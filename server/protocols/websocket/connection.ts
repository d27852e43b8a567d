import type { FastifyBaseLogger } from 'fastify';
import { WebSocket, type RawData } from 'ws';
import { ModelWireError } from '../../../lib/model-wire-error';
import type { InferenceCore } from '../../core/inference-core';
import { decodeBinaryFrame, decodeTextFrame, type RequestId } from './codec';
import { createTokenBucket, messageTooLarge, rateLimited, type ConnectionLimits } from './connection-limits';
import { createConnectionPrincipal } from './connection-principal';
import { errorMessageOf } from './error-mapping';
import { createMessageHandler } from './handler';
import { coalesceWritesPerTurn, type Corkable } from '../shared/coalesced-writes';
import { keepAlive } from '../shared/keep-alive';
import { watchBackpressure } from '../shared/websocket-backpressure';

export interface ConnectionOptions {
  core: InferenceCore;
  limits: ConnectionLimits;
  log: FastifyBaseLogger;
  /** The access token given when connecting, if any (see connect-credential.ts). */
  token: string | undefined;
  /** The connection's TCP socket (the upgraded request's), whose writes are coalesced per event-loop turn. */
  transport: Corkable;
}

const asBuffer = (data: RawData): Buffer => (Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data));

/** One client connection: frames in, limits checked, messages decoded and answered; everything released on close. */
export function serveConnection(socket: WebSocket, { core, limits, log, token, transport }: ConnectionOptions): void {
  const backpressure = watchBackpressure(socket, limits);
  const { beforeWrite } = coalesceWritesPerTurn(transport);
  const send = (message: object) => {
    if (socket.readyState !== WebSocket.OPEN) return;
    beforeWrite();
    socket.send(JSON.stringify(message));
    backpressure.afterSend();
  };
  const sendError = (error: unknown, id?: RequestId, seq?: number) => {
    const wireError = ModelWireError.from(error);
    if (wireError.code === 'internal') log.error({ err: error }, 'internal error');
    send(errorMessageOf(wireError, id, seq));
  };
  const caller = createConnectionPrincipal(core, token, (error) => sendError(error));
  const handler = createMessageHandler(core, limits, { send, sendError }, caller);
  const bucket = createTokenBucket(limits.messagesPerSecond, limits.messageBurst);
  const stopKeepAlive = keepAlive(socket, limits.pingIntervalMs);

  socket.on('message', (data, isBinary) => {
    const receivedAt = performance.now();
    // Every frame takes a token, even one refused below; the refusal is sent after decoding so it can carry the id.
    const allowed = bucket.tryTake();
    const bytes = asBuffer(data);
    if (bytes.byteLength > limits.maxMessageBytes) return sendError(messageTooLarge(bytes.byteLength, limits.maxMessageBytes));
    const message = isBinary ? decodeBinaryFrame(bytes, receivedAt) : decodeTextFrame(bytes.toString('utf8'), receivedAt);
    if (!allowed) return sendError(rateLimited(limits, bucket.msUntilNextToken()), 'id' in message ? message.id : undefined);
    void handler.handle(message, receivedAt);
  });

  socket.on('close', () => {
    stopKeepAlive();
    backpressure.stop();
    handler.close();
  });
}
