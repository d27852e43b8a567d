import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { InferenceCore } from '../../core/inference-core';
import { toModelWireError } from '../shared/http-errors';
import { parseJsonWithinBudget } from '../shared/json-body-parser';
import { authenticatedFirst } from '../shared/request-principal';
import { withServerTiming } from '../shared/server-timing';
import { inferRequestOf, inferResponseJson } from './codec';
import { sendOipError } from './error-mapping';
import { createOipHandler } from './handler';

export interface OipRestOptions {
  core: InferenceCore;
}

type ModelRoute = { Params: { name: string; version?: string } };
type ModelRequest = FastifyRequest<ModelRoute>;

/** 200 when ready, 503 when not, so the route serves as a Kubernetes probe as it is. */
const sendReadiness = (reply: FastifyReply, ready: boolean, body: object) => reply.status(ready ? 200 : 503).send(body);

/** The HTTP servers of ModelWire instances that are shutting down (keyed by the listener every plugin scope shares). */
const drainingServers = new WeakSet<object>();

/**
 * From now on /v2/health/ready answers 503 while everything else still serves: a load balancer or Kubernetes stops
 * sending this server new requests while the ones it has finish. Called first thing on a graceful stop.
 */
export const stopReadiness = (app: FastifyInstance) => void drainingServers.add(app.server);

/**
 * Whether a load balancer may send this server calls: it is not draining and it serves some model. The models
 * installed are loaded before the listeners open; one not installed (MobileNetV2 without MODELS_DIR) does not hold a
 * replica back, since its calls answer not_installed on every replica alike.
 */
const takesCalls = (app: FastifyInstance, core: InferenceCore) =>
  !drainingServers.has(app.server) && core.listModels().some((model) => model.status === 'ready');

/**
 * The Open Inference Protocol ("KServe v2") over HTTP/JSON: health, metadata and inference under /v2. Errors are
 * {"error": "..."} with an HTTP status. Register it with app.register(): its JSON parser and error handler stay in its
 * scope. Expects the API server's request hooks (arrival time, lazy principal).
 */
export async function oipRestRoutes(app: FastifyInstance, { core }: OipRestOptions) {
  const handler = createOipHandler(withServerTiming(core));
  parseJsonWithinBudget(app);
  app.setErrorHandler((error, request, reply) => {
    const wireError = toModelWireError(error);
    if (wireError.code === 'internal') request.log.error({ err: error }, 'internal error');
    return sendOipError(reply, wireError);
  });

  app.get('/v2/health/live', async () => ({ live: handler.serverLive() }));
  app.get('/v2/health/ready', async (_request, reply) => {
    const ready = takesCalls(app, core);
    return sendReadiness(reply, ready, { ready });
  });
  app.get('/v2', async () => handler.serverMetadata());
  app.get('/v2/', async () => handler.serverMetadata());

  for (const model of ['/v2/models/:name', '/v2/models/:name/versions/:version']) {
    app.get(model, async (request: ModelRequest) => handler.modelMetadata(request.params.name, request.params.version));

    app.get(`${model}/ready`, async (request: ModelRequest, reply) => {
      const { name, version } = request.params;
      const ready = handler.modelReady(name, version);
      return sendReadiness(reply, ready, { name, ready });
    });

    app.post<ModelRoute>(`${model}/infer`, { onRequest: authenticatedFirst }, async (request) => {
      const inferRequest = inferRequestOf(request.body, request.params.name, request.params.version);
      const response = await handler.infer(inferRequest, { principal: await request.principal(), receivedAt: request.receivedAt });
      return inferResponseJson(response);
    });
  }
}
