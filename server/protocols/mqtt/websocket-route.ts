import type {} from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import { createWebSocketStream } from 'ws';
import type { EmbeddedBroker } from './embedded-broker';

/**
 * MQTT over WebSocket at /mqtt on the API port (what browsers use), piped into the embedded broker. Each WebSocket
 * message is capped by the API's WebSocket server; an MQTT packet spread over many messages is capped by the broker.
 */
export async function mqttOverWebSocket(app: FastifyInstance, { broker }: { broker: EmbeddedBroker }) {
  app.get('/mqtt', { websocket: true }, (socket, request) => {
    broker.handle(createWebSocketStream(socket), request.raw);
  });
}
