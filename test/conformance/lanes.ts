import WebSocket from 'ws';
import type { ErrorCode } from '../../lib/contract';
import { createGraphqlClient } from '../../lib/clients/graphql-client';
import { createGrpcClient } from '../../lib/clients/grpc-client';
import { createMqttClient } from '../../lib/clients/mqtt-client';
import type { ProtocolClient } from '../../lib/clients/protocol-client';
import { createRestClient } from '../../lib/clients/rest-client';
import { createSoapClient } from '../../lib/clients/soap-client';
import { createWebSocketClient } from '../../lib/clients/websocket-client';
import type { RunningApi } from '../support/start-api';
import type { TableLane } from './run-table';

// Every protocol as the browser reaches it: its real client, and the form its errors take on the wire.

/** How long the WebSocket and MQTT clients wait for a reply: far more than any case needs, far less than their 30 s. */
const REPLY_TIMEOUT_MS = 10_000;

export const LANE_NAMES = ['rest', 'graphql', 'soap', 'grpc-web', 'grpc-connect', 'websocket', 'mqtt'] as const;
export type LaneName = (typeof LANE_NAMES)[number];

export interface ClientLane extends TableLane<LaneName, ProtocolClient> {
  /** What `error.native` says for a contract code: the protocol's own status, fault or message. */
  nativeFor(code: ErrorCode): string | RegExp;
}

const HTTP_STATUS: Partial<Record<ErrorCode, string>> = {
  invalid_input: '400 Bad Request',
  not_found: '404 Not Found',
  too_large: '413 Payload Too Large',
  unsupported_media: '415 Unsupported Media Type',
  not_installed: '503 Service Unavailable',
};

const GRPC_STATUS: Partial<Record<ErrorCode, string>> = {
  invalid_input: 'INVALID_ARGUMENT (3)',
  // gRPC has no "unsupported media": bytes that are not an image are an invalid argument.
  unsupported_media: 'INVALID_ARGUMENT (3)',
  not_found: 'NOT_FOUND (5)',
  too_large: 'RESOURCE_EXHAUSTED (8)',
  not_installed: 'UNAVAILABLE (14)',
};

const SOAP_SERVER_FAULTS: readonly ErrorCode[] = ['not_installed', 'overloaded', 'internal'];

const orAny = (known: string | undefined, fallback: RegExp) => known ?? fallback;

export function clientLanes(api: () => RunningApi): ClientLane[] {
  const closing = { close: (client: ProtocolClient) => client.close() };
  const grpcNative = (code: ErrorCode) => orAny(GRPC_STATUS[code], /^[A-Z_]+ \(\d+\)$/);
  return [
    { name: 'rest', open: () => createRestClient(api().url), nativeFor: (code) => orAny(HTTP_STATUS[code] && `HTTP ${HTTP_STATUS[code]}`, /^HTTP \d{3} /) },
    { name: 'graphql', open: () => createGraphqlClient(api().url), nativeFor: (code) => `GraphQL error extensions.code=${code}` },
    {
      name: 'soap',
      open: () => createSoapClient(api().url),
      nativeFor: (code) => new RegExp(`^soap:${SOAP_SERVER_FAULTS.includes(code) ? 'Server' : 'Client'}: .{10,}`),
    },
    { name: 'grpc-web', open: () => createGrpcClient(api().url, { nativeAddress: api().grpcAddress }), nativeFor: grpcNative },
    { name: 'grpc-connect', open: () => createGrpcClient(api().url, { format: 'connect' }), nativeFor: grpcNative },
    { name: 'websocket', open: () => createWebSocketClient(api().url, { WebSocket, timeoutMs: REPLY_TIMEOUT_MS }), nativeFor: (code) => `error message code=${code}`, ...closing },
    {
      name: 'mqtt',
      open: () => createMqttClient(api().url, { tcpPort: Number(new URL(api().mqttUrl).port), timeoutMs: REPLY_TIMEOUT_MS }),
      nativeFor: (code) => `MQTT error reply code=${code}`,
      ...closing,
    },
  ];
}
