import type { FastifyInstance } from 'fastify';
import { buildApiServer } from './api-server';
import type { ServerConfig } from './config';
import { createCore } from './create-core';
import type { InferenceCore } from './core/inference-core';
import { startGrpcServer, type RunningGrpcServer } from './protocols/grpc';
import { startMqtt, type RunningMqtt } from './protocols/mqtt';
import { dialableHost } from './protocols/shared/dialable-host';

export interface ModelWireServer {
  core: InferenceCore;
  /** The fastify server of the API port (REST, GraphQL, SOAP, gRPC-Web/Connect, WebSocket, MQTT over WebSocket). */
  app: FastifyInstance;
  /** http://host:port of the API listener, with the port actually bound. */
  apiUrl: string;
  grpc: RunningGrpcServer;
  mqtt: RunningMqtt;
  /** Stops every listener; safe to call more than once. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Fastify's request log (the CLI turns it on; tests leave it off). */
  logger?: boolean;
}

/**
 * The composition root: builds the core, then starts every listener in order (MQTT first, since the API port serves
 * the embedded broker over WebSocket). `server/main.ts` and the tests both start ModelWire through this.
 */
export async function startModelWire(config: ServerConfig, options: StartOptions = {}): Promise<ModelWireServer> {
  const core = await createCore(config);
  const mqtt = await startMqtt({ core, host: config.host, port: config.mqttPort, url: config.mqttUrl, maxPayloadBytes: config.maxBodyBytes });
  const started: Array<{ close(): Promise<void> }> = [mqtt];
  try {
    const app = await buildApiServer({ core, config, logger: options.logger ?? false, mqttBroker: mqtt.broker });
    started.unshift(app);
    await app.listen({ host: config.host, port: config.apiPort });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('the API server has no TCP address');
    const grpc = await startGrpcServer({ core, host: config.host, port: config.grpcPort });
    started.unshift(grpc);

    let closing: Promise<void> | undefined;
    return {
      core,
      app,
      apiUrl: `http://${dialableHost(config.host)}:${address.port}`,
      grpc,
      mqtt,
      close: () => (closing ??= closeAll(started)),
    };
  } catch (error) {
    await closeAll(started);
    throw error;
  }
}

async function closeAll(listeners: Array<{ close(): Promise<void> }>): Promise<void> {
  const results = await Promise.allSettled(listeners.map((listener) => listener.close()));
  const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) throw failure.reason;
}
