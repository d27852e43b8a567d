import type * as grpc from '@grpc/grpc-js';
import WebSocket from 'ws';
import type { PredictionInput } from '../../lib/contract';
import { createGraphqlClient } from '../../lib/clients/graphql-client';
import { createMqttClient } from '../../lib/clients/mqtt-client';
import type { ProtocolClient } from '../../lib/clients/protocol-client';
import { createRestClient } from '../../lib/clients/rest-client';
import { createSoapClient } from '../../lib/clients/soap-client';
import { createWebSocketClient } from '../../lib/clients/websocket-client';
import type { ProtocolLabel } from '../../server/core/core-observer';
import { grpcJsClients, unary } from '../grpc-support';
import { valueOf } from './outcomes';
import type { RunningApi } from './start-api';

// One predict call per protocol, each through a real client, told apart by the protocol label metrics give it.

const REPLY_TIMEOUT_MS = 10_000;

/** What a call came to: "ok", or the contract's error code the protocol carried back. */
export type CallResult = 'ok' | string;

/** What a successful call answered, as each protocol carries it. */
export interface CallAnswer {
  version: number;
  cached: boolean;
}

export interface ProtocolCaller {
  label: ProtocolLabel;
  predict(model: string, input: PredictionInput): Promise<CallResult>;
  /** A call that must succeed. */
  answer(model: string, input: PredictionInput): Promise<CallAnswer>;
  close(): void;
}

export function browserClientCaller(label: ProtocolLabel, client: ProtocolClient): ProtocolCaller {
  return {
    label,
    async predict(model, input) {
      const outcome = await client.predict(model, input);
      return outcome.ok ? 'ok' : outcome.error.code;
    },
    async answer(model, input) {
      const { model: ref, cached } = valueOf(await client.predict(model, input));
      return { version: ref.version, cached };
    },
    close: () => client.close(),
  };
}

/** Native gRPC (HTTP/2) with @grpc/grpc-js and the .proto files: a client that shares no code with the server. */
function grpcNativeCaller(address: string): ProtocolCaller {
  const clients = grpcJsClients(address);
  return {
    label: 'grpc',
    async predict(model, input) {
      if (input.kind !== 'text') throw new Error('this caller sends texts only');
      return unary(clients.inference, 'Predict', { model, text: input.text }).then(
        () => 'ok',
        (error: grpc.ServiceError) => String(error.metadata.get('modelwire-code')[0] ?? `grpc status ${error.code}`),
      );
    },
    async answer(model, input) {
      if (input.kind !== 'text') throw new Error('this caller sends texts only');
      const response = await unary<{ model: { version: number }; cached: boolean }>(clients.inference, 'Predict', { model, text: input.text });
      return { version: response.model.version, cached: response.cached };
    },
    close: () => clients.close(),
  };
}

/** REST, GraphQL, SOAP, native gRPC, WebSocket and MQTT (TCP, the embedded broker). */
export function protocolCallers(api: Pick<RunningApi, 'url' | 'grpcAddress' | 'mqttUrl'>): ProtocolCaller[] {
  return [
    browserClientCaller('rest', createRestClient(api.url)),
    browserClientCaller('graphql', createGraphqlClient(api.url)),
    browserClientCaller('soap', createSoapClient(api.url)),
    grpcNativeCaller(api.grpcAddress),
    browserClientCaller('websocket', createWebSocketClient(api.url, { WebSocket, timeoutMs: REPLY_TIMEOUT_MS })),
    browserClientCaller('mqtt', createMqttClient(api.url, { tcpPort: Number(new URL(api.mqttUrl).port), timeoutMs: REPLY_TIMEOUT_MS })),
  ];
}
