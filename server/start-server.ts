import type { FastifyInstance } from 'fastify';
import { buildApiServer } from './api-server';
import type { ServerConfig } from './config';
import { createCore } from './create-core';
import type { InferenceCore } from './core/inference-core';
import { labelledCore } from './core/labelled-core';
import { createServerMetrics } from './metrics';
import type { ImageGraphLoading } from './models/imagenet/image-graph-loading';
import { startGrpcServer, type RunningGrpcServer } from './protocols/grpc';
import { startMqtt, type RunningMqtt } from './protocols/mqtt';
import { stopReadiness } from './protocols/oip/rest-routes';
import { dialableHost } from './protocols/shared/dialable-host';

export interface ModelWireServer {
  core: InferenceCore;
  /** The fastify server of the API port (REST, GraphQL, SOAP, gRPC-Web/Connect, WebSocket, MQTT over WebSocket). */
  app: FastifyInstance;
  /** http://host:port of the API listener, with the port actually bound. */
  apiUrl: string;
  grpc: RunningGrpcServer;
  mqtt: RunningMqtt;
  /**
   * Graceful stop: refuses new work, lets calls in flight answer, ends live streams with each protocol's close, and
   * after SHUTDOWN_DEADLINE_MS cuts whatever is left. Safe to call more than once.
   */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Fastify's request log (the CLI turns it on; tests leave it off). */
  logger?: boolean;
  /** The image classifier's graph, already loading (see startLoadingImageGraphEarly). */
  imageGraphLoading?: ImageGraphLoading;
}

const SETTLE_MS = 100;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * The composition root: builds the core, then starts every listener in order (MQTT first, since the API port serves
 * the embedded broker over WebSocket). `server/main.ts` and the tests both start ModelWire through this.
 */
export async function startModelWire(config: ServerConfig, options: StartOptions = {}): Promise<ModelWireServer> {
  const metrics = createServerMetrics();
  const core = await createCore(config, { observer: metrics.observer, imageGraphLoading: options.imageGraphLoading });
  metrics.watchCore(core);
  const mqtt = await startMqtt({ core: labelledCore(core, 'mqtt'), host: config.host, port: config.mqttPort, url: config.mqttUrl, maxPayloadBytes: config.maxBodyBytes, packetTimeoutMs: config.requestTimeoutMs });
  let app: FastifyInstance | undefined;
  let grpc: RunningGrpcServer | undefined;
  try {
    app = await buildApiServer({ core, config, logger: options.logger ?? false, mqttBroker: mqtt.broker, metricsRoute: metrics.route });
    await app.listen({ host: config.host, port: config.apiPort });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('the API server has no TCP address');
    grpc = await startGrpcServer({ core: labelledCore(core, 'grpc'), host: config.host, port: config.grpcPort, requestTimeoutMs: config.requestTimeoutMs });
    const running = { core, app, grpc, mqtt };
    let closing: Promise<void> | undefined;
    return {
      ...running,
      apiUrl: `http://${dialableHost(config.host)}:${address.port}`,
      close: () => (closing ??= stopGracefully(running, config.shutdownDeadlineMs)),
    };
  } catch (error) {
    await Promise.allSettled([app?.close(), grpc?.close(0), mqtt.close()]);
    throw error;
  }
}

async function stopGracefully({ core, app, grpc, mqtt }: Omit<ModelWireServer, 'apiUrl' | 'close'>, deadlineMs: number): Promise<void> {
  stopReadiness(app);
  // A signal can arrive while requests already sent sit unread in socket buffers; Node would count their connections
  // idle and cut them. A moment of normal serving reads them, so they count as in flight.
  await sleep(Math.min(SETTLE_MS, deadlineMs));
  const stopped = (async () => {
    await mqtt.service.stopIntake();
    // HTTP answers new requests 503 and waits for those in flight (WebSockets: see api-server's preClose); native gRPC
    // stops accepting and lets its calls finish.
    await Promise.allSettled([app.close(), grpc.close(deadlineMs), core.drain()]);
  })();
  const inTime = await Promise.race([stopped.then(() => true), sleep(deadlineMs).then(() => false)]);
  if (!inTime) {
    app.server.closeAllConnections();
    for (const client of app.websocketServer.clients) client.terminate();
  }
  // MQTT goes last: replies to the calls that were running go out on the service's connection.
  await mqtt.close();
}
