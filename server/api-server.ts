import cors from '@fastify/cors';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { ServerConfig } from './config';
import type { InferenceCore } from './core/inference-core';
import { labelledCore } from './core/labelled-core';
import { graphqlAdapter } from './protocols/graphql';
import { connectAdapter } from './protocols/grpc';
import { mqttOverWebSocket, type EmbeddedBroker } from './protocols/mqtt';
import { oipRestRoutes } from './protocols/oip';
import { restAdapter } from './protocols/rest';
import { sendProblem } from './protocols/rest/error-mapping';
import { toModelWireError } from './protocols/shared/http-errors';
import { refuseForeignOrigins } from './protocols/shared/refuse-foreign-origins';
import { requestDeadlineOptions } from './protocols/shared/request-deadlines';
import { authenticateRequests } from './protocols/shared/request-principal';
import { SERVER_TIMING } from './protocols/shared/server-timing';
import { soapAdapter } from './protocols/soap';
import { selectSubprotocol, websocketAdapter } from './protocols/websocket';
import { stampArrivalTime } from './request-timing';

export interface ApiServerOptions {
  core: InferenceCore;
  config: Pick<ServerConfig, 'maxBodyBytes' | 'host' | 'webPort' | 'allowedOrigins' | 'requestTimeoutMs' | 'dataDir' | 'webSocketLimits'>;
  logger?: boolean;
  /** The embedded MQTT broker, served over WebSocket at /mqtt (absent when an external MQTT_URL is used). */
  mqttBroker?: EmbeddedBroker;
  /** GET /metrics (Prometheus text), when the server keeps metrics. */
  metricsRoute?: FastifyPluginAsync;
}

/** The HTTP server every protocol on the API port shares. Built apart from listen() so tests can start it on port 0. */
export async function buildApiServer({ core, config, logger = false, mqttBroker, metricsRoute }: ApiServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? { level: process.env.LOG_LEVEL ?? 'warn' } : false,
    bodyLimit: config.maxBodyBytes,
    // A request must arrive whole within REQUEST_TIMEOUT_MS (else 408); answers and streams are not limited.
    ...requestDeadlineOptions(config.requestTimeoutMs),
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
    // At close, idle keep-alive connections (fetch pools, browser preconnects) end at once; requests in flight finish.
    forceCloseConnections: 'idle',
    // Errors fastify raises before routing (a URL with broken percent-encoding ...) answer problem+json too.
    frameworkErrors: (error, request, reply) => sendProblem(reply, toModelWireError(error), request.url),
  });
  stampArrivalTime(app);
  authenticateRequests(app, core);
  const allowsOrigin = refuseForeignOrigins(app, { host: config.host, webPort: config.webPort, extraOrigins: config.allowedOrigins });
  // The playground runs on another origin (the web port) and shows every header, so it may read them all ("*" is
  // ignored on credentialed requests, so Server-Timing, which each lane's timing reads, is named as well).
  await app.register(cors, { origin: (origin, callback) => callback(null, allowsOrigin(origin, undefined)), exposedHeaders: ['*', SERVER_TIMING], maxAge: 600 });
  // One WebSocket server for every protocol that upgrades on this port; each adapter enforces its own smaller limits.
  await app.register(websocket, {
    options: { maxPayload: config.maxBodyBytes, handleProtocols: selectSubprotocol },
    // Calls already running on a socket still get their answer: the core drains, then each socket closes as "going away".
    preClose: async () => {
      await core.drain();
      for (const client of app.websocketServer.clients) client.close(1001, 'server shutting down');
      await new Promise((resolve) => app.websocketServer.close(resolve));
    },
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, toModelWireError({ statusCode: 404, message: `No route ${request.method} ${request.url}.` }), request.url),
  );

  await app.register(restAdapter, { core: labelledCore(core, 'rest'), maxBodyBytes: config.maxBodyBytes, dataDir: config.dataDir });
  await app.register(graphqlAdapter, { core: labelledCore(core, 'graphql') });
  await app.register(soapAdapter, { core: labelledCore(core, 'soap') });
  await app.register(oipRestRoutes, { core: labelledCore(core, 'oip') });
  await app.register(connectAdapter, { core: labelledCore(core, 'grpc') });
  await app.register(websocketAdapter, { core: labelledCore(core, 'websocket'), limits: config.webSocketLimits });
  if (mqttBroker) await app.register(mqttOverWebSocket, { broker: mqttBroker });
  if (metricsRoute) await app.register(metricsRoute);
  return app;
}
