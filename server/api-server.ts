import cors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ServerConfig } from './config';
import type { InferenceCore } from './core/inference-core';
import { restAdapter } from './protocols/rest';
import { sendProblem, toModelWireError } from './protocols/rest/error-mapping';
import { stampArrivalTime } from './request-timing';

export interface ApiServerOptions {
  core: InferenceCore;
  config: Pick<ServerConfig, 'maxBodyBytes'>;
  logger?: boolean;
}

/** The HTTP server every protocol on the API port shares. Built apart from listen() so tests can start it on port 0. */
export async function buildApiServer({ core, config, logger = false }: ApiServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? { level: process.env.LOG_LEVEL ?? 'warn' } : false,
    bodyLimit: config.maxBodyBytes,
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
  });
  stampArrivalTime(app);
  // The playground runs on another origin (the web port) and shows every header, so it may read them all.
  await app.register(cors, { origin: true, exposedHeaders: '*' });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, toModelWireError({ statusCode: 404, message: `No route ${request.method} ${request.url}.` }), request.url),
  );

  await app.register(restAdapter, { core, maxBodyBytes: config.maxBodyBytes });
  return app;
}
