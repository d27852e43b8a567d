// The registry of the transports that stream live sentiment: one entry per transport, each opening sessions that
// emit the shared StreamEvent union. The /stream page shows a lane per entry; adding a transport is one entry here.
import type { ApiEndpoints } from './create-clients';
import { openGraphqlSentimentStream } from './graphql-stream';
import { createGrpcClient } from './grpc-client';
import { createMqttClient } from './mqtt-client';
import type { ProtocolClient, SentimentStreamSession, StreamEvent } from './protocol-client';
import { createWebSocketClient } from './websocket-client';
import type { WebSocketConstructor } from './websocket-connection';

export type StreamTransportId = 'websocket' | 'mqtt' | 'grpc' | 'graphql';

export interface StreamRuntime {
  /** A WebSocket class where there is no global one (Node 20: `WebSocket` from `ws`); the browser's by default. */
  WebSocket?: WebSocketConstructor;
}

/** One transport's connection for the page's lifetime: sessions come and go on it (Reconnect opens a new one). */
export interface StreamTransportClient {
  openSession(onEvent: (event: StreamEvent) => void): SentimentStreamSession;
  /** Closes the connection under the sessions; close the sessions first. */
  close(): void;
}

export interface StreamTransport {
  id: StreamTransportId;
  title: string;
  /** How texts go out and updates come back, in one line. */
  how: string;
  connect(api: ApiEndpoints, runtime?: StreamRuntime): StreamTransportClient;
}

/**
 * MQTT's session close publishes `{"close": true}` once its unsubscribe is done; closing the connection at once would
 * make that publish dial the broker again. The connection closes a moment later instead.
 */
const MQTT_CLOSE_GRACE_MS = 1_000;

function streamingClient(client: ProtocolClient, closeDelayMs = 0): StreamTransportClient {
  const open = client.openSentimentStream?.bind(client);
  if (!open) throw new Error(`The ${client.protocol} client cannot stream (no openSentimentStream).`);
  return {
    openSession: open,
    close: () => (closeDelayMs > 0 ? void setTimeout(() => client.close(), closeDelayMs) : client.close()),
  };
}

export const STREAM_TRANSPORTS: readonly StreamTransport[] = [
  {
    id: 'websocket',
    title: 'WebSocket',
    how: 'JSON “stream” frames on the open /ws socket, “update” frames back on it',
    connect: ({ apiBaseUrl }, runtime = {}) => streamingClient(createWebSocketClient(apiBaseUrl, runtime.WebSocket ? { WebSocket: runtime.WebSocket } : {})),
  },
  {
    id: 'mqtt',
    title: 'MQTT',
    how: 'PUBLISH to modelwire/v1/stream/{id}/in, updates on …/out (MQTT over WebSocket at /mqtt)',
    connect: ({ apiBaseUrl, mqttPort }, _runtime) => streamingClient(createMqttClient(apiBaseUrl, mqttPort ? { tcpPort: mqttPort } : {}), MQTT_CLOSE_GRACE_MS),
  },
  {
    id: 'grpc',
    title: 'gRPC-Web',
    how: 'server-streaming WatchSentiment; each text a unary PushSentimentText, one after another',
    connect: ({ apiBaseUrl }, _runtime) => streamingClient(createGrpcClient(apiBaseUrl)),
  },
  {
    id: 'graphql',
    title: 'GraphQL',
    how: 'sentimentStream subscription over graphql-ws; each text a pushSentimentText mutation over HTTP, one after another',
    connect: ({ apiBaseUrl }, runtime = {}) => ({
      // Each subscription is its own graphql-ws connection, so there is nothing to close beyond the sessions.
      openSession: (onEvent) => openGraphqlSentimentStream({ baseUrl: apiBaseUrl, onEvent, ...(runtime.WebSocket ? { webSocketImpl: runtime.WebSocket } : {}) }),
      close() {},
    }),
  },
];
