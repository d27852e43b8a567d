import type { FastifyInstance } from 'fastify';
import type { InferenceCore } from '../../core/inference-core';
import { DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from './connection-limits';
import { connectTokenOf } from './connect-credential';
import { serveConnection } from './connection';

export { selectSubprotocol } from './connect-credential';

export interface WebSocketAdapterOptions {
  core: InferenceCore;
  /** Per-connection limits; each one left out keeps its default (see connection-limits.ts). */
  limits?: Partial<ConnectionLimits>;
}

export const WEBSOCKET_PATH = '/ws';

/**
 * WebSockets by ws (through @fastify/websocket, registered once at the root of the API server): a JSON message protocol
 * with request ids at /ws — predict, train, listModels and live sentiment streams; images as binary frames; errors as
 * {"type":"error"} messages carrying the contract's code; the seed deck's bare messages. See docs/protocols/websocket.md.
 */
export async function websocketAdapter(app: FastifyInstance, { core, limits }: WebSocketAdapterOptions): Promise<void> {
  const connectionLimits: ConnectionLimits = { ...DEFAULT_CONNECTION_LIMITS, ...limits };
  app.route({
    method: 'GET',
    url: WEBSOCKET_PATH,
    // A plain HTTP GET (a browser tab, curl) is told how to connect instead of getting an empty 404.
    handler: async (_request, reply) =>
      reply
        .code(426)
        .header('upgrade', 'websocket')
        .send({ code: 'invalid_input', message: `Connect with a WebSocket client, e.g. \`npx wscat -c ws://HOST:PORT${WEBSOCKET_PATH}\`.` }),
    wsHandler: (socket, request) => serveConnection(socket, { core, limits: connectionLimits, log: request.log, token: connectTokenOf(request), transport: request.socket }),
  });
}
