import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PredictionInput, PredictOptions, TrainRequest } from '../../../lib/contract';
import type { InferenceCore } from '../../core/inference-core';
import { predictionInputOf, predictOptionsOf } from '../shared/prediction-input';
import { authenticatedFirst } from '../shared/request-principal';
import { isMultipart, readMultipart, requireObjectBody, type PredictBody } from './codec';
import { routeSchemas } from './schemas';

type NamedRoute = { Params: { name: string } };
type NamedRequest = FastifyRequest<NamedRoute>;

const MODELS_PATH = '/v1/models/';

/** Reads a prediction request in either form the API accepts: JSON, or multipart with an image file. */
export async function readPredictRequest(request: FastifyRequest): Promise<{ input: PredictionInput; options: PredictOptions }> {
  if (isMultipart(request)) {
    const { image, fields } = await readMultipart(request);
    return { input: { kind: 'image', image }, options: predictOptionsOf(fields, request.receivedAt) };
  }
  const body = requireObjectBody(request.body) as PredictBody;
  return { input: predictionInputOf(body), options: predictOptionsOf(body, request.receivedAt) };
}

/** The versioned model API: /healthz and /v1/models/... */
export function registerModelRoutes(app: FastifyInstance, core: InferenceCore) {
  app.get('/healthz', { schema: routeSchemas.health }, async () => ({
    status: 'ok',
    models: Object.fromEntries(core.listModels().map((model) => [model.name, model.status])),
    calls: core.workload(),
  }));

  app.get('/v1/models', { schema: routeSchemas.listModels }, async () => ({ models: core.listModels() }));

  app.get('/v1/models/:name', { schema: routeSchemas.getModel }, async (request: NamedRequest) => core.describeModel(request.params.name));

  app.post<NamedRoute>('/v1/models/:name/predict', { schema: routeSchemas.predict, onRequest: authenticatedFirst }, async (request) => {
    const { input, options } = await readPredictRequest(request);
    return core.predict(request.params.name, input, { ...options, principal: await request.principal() });
  });

  app.post<NamedRoute>('/v1/models/:name/train', { schema: routeSchemas.train, onRequest: authenticatedFirst }, async (request) =>
    core.train(request.params.name, request.body as TrainRequest, { receivedAt: request.receivedAt, principal: await request.principal() }),
  );

  // fastify answers a path parameter over its maxParamLength (100) with its own 414 body before any route runs, but
  // still tries a wildcard: this one lets the core judge the name, so a long name is invalid_input as problem+json.
  app.route({
    method: ['GET', 'POST'],
    url: `${MODELS_PATH}*`,
    schema: { hide: true },
    handler: async (request, reply) => {
      core.describeModel(decodeURIComponent(request.url.slice(MODELS_PATH.length).split(/[/?]/, 1)[0]!));
      return reply.callNotFound();
    },
  });
}
