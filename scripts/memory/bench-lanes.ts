import { createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import WebSocket from 'ws';
import { createGraphqlClient } from '../../lib/clients/graphql-client';
import { createGrpcClient } from '../../lib/clients/grpc-client';
import { predictRequestMessage } from '../../lib/clients/grpc-messages';
import { createMqttClient } from '../../lib/clients/mqtt-client';
import type { ProtocolClient } from '../../lib/clients/protocol-client';
import { createRestClient } from '../../lib/clients/rest-client';
import { createSoapClient } from '../../lib/clients/soap-client';
import { createWebSocketClient } from '../../lib/clients/websocket-client';
import type { PredictionInput, TrainRequest } from '../../lib/contract';
import { InferenceService } from '../../lib/gen/modelwire/v1/inference_pb';
import type { CompiledServer } from './compiled-server';

/** What a bench request came to: answered, or refused / failed with the protocol's own words. */
export type LaneOutcome = { ok: true } | { ok: false; error: string };

/** One way into the server: a protocol as a client reaches it. */
export interface BenchLane {
  name: string;
  /** Whether this lane carries only images (multipart uploads). */
  imagesOnly: boolean;
  predict(model: string, input: PredictionInput): Promise<LaneOutcome>;
  train?(model: string, request: TrainRequest): Promise<LaneOutcome>;
  close(): void;
}

const REPLY_TIMEOUT_MS = 60_000;

const outcomeOf = (outcome: { ok: true } | { ok: false; error: { code: string; native: string } }): LaneOutcome =>
  outcome.ok ? { ok: true } : { ok: false, error: `${outcome.error.code} (${outcome.error.native})` };

/** A lane through one of the playground's own clients. */
function clientLane(name: string, client: ProtocolClient): BenchLane {
  return {
    name,
    imagesOnly: false,
    predict: async (model, input) => outcomeOf(await client.predict(model, input)),
    train: async (model, request) => outcomeOf(await client.train(model, request)),
    close: () => client.close(),
  };
}

async function settled(call: () => Promise<unknown>): Promise<LaneOutcome> {
  try {
    await call();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** POST /v1/models/{name}/predict as multipart/form-data with the file in the field `image`. */
function restMultipartLane(apiUrl: string): BenchLane {
  return {
    name: 'rest-multipart',
    imagesOnly: true,
    predict: (model, input) =>
      settled(async () => {
        if (input.kind !== 'image') throw new Error('the multipart lane sends images only');
        const form = new FormData();
        form.set('image', new Blob([Buffer.from(input.image)], { type: 'image/jpeg' }), 'photo.jpg');
        const response = await fetch(`${apiUrl}/v1/models/${encodeURIComponent(model)}/predict`, { method: 'POST', body: form });
        const body = await response.text();
        if (!response.ok) throw new Error(`HTTP ${response.status}: ${body.slice(0, 200)}`);
      }),
    close() {},
  };
}

/** InferenceService.Predict on the native gRPC listener (HTTP/2), with connect-node. */
function nativeGrpcLane(grpcUrl: string): BenchLane {
  const service = createClient(InferenceService, createGrpcTransport({ baseUrl: grpcUrl }));
  return {
    name: 'grpc-native',
    imagesOnly: false,
    predict: (model, input) => settled(() => service.predict(predictRequestMessage(model, input, undefined))),
    close() {},
  };
}

/** Every protocol the bench speaks, one long-lived client each. */
export function openBenchLanes(server: CompiledServer): BenchLane[] {
  const url = server.apiUrl;
  return [
    clientLane('rest', createRestClient(url)),
    restMultipartLane(url),
    clientLane('graphql', createGraphqlClient(url)),
    clientLane('soap', createSoapClient(url)),
    clientLane('grpc-web', createGrpcClient(url)),
    nativeGrpcLane(server.grpcUrl),
    clientLane('websocket', createWebSocketClient(url, { WebSocket, timeoutMs: REPLY_TIMEOUT_MS })),
    clientLane('mqtt', createMqttClient(url, { url: server.mqttUrl, timeoutMs: REPLY_TIMEOUT_MS })),
  ];
}
