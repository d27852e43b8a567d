import type { FastifyInstance } from 'fastify';
import type { TrainRequest } from '../../../lib/contract';
import { ModelWireError } from '../../../lib/model-wire-error';
import type { InferenceCore } from '../../core/inference-core';
import { asRows } from '../shared/prediction-input';
import { outputOf } from '../shared/prediction-output';
import { authenticatedFirst } from '../shared/request-principal';
import { predictWithSeedModel, SEED_IMAGE_MODEL, SEED_LINEAR_MODEL } from '../shared/seed';
import { readMultipart } from './codec';
import { routeSchemas } from './schemas';

/** The routes of the seed slide deck, answering exactly the shapes its examples send and expect. */
export function registerSeedRoutes(app: FastifyInstance, core: InferenceCore) {
  app.post('/train', { schema: routeSchemas.seedTrain, onRequest: authenticatedFirst }, async (request) => {
    const result = await core.train(SEED_LINEAR_MODEL, request.body as TrainRequest, { receivedAt: request.receivedAt, principal: await request.principal() });
    return { message: 'Model trained successfully', ...result };
  });

  app.post<{ Body: { X: unknown } }>('/predict', { schema: routeSchemas.seedPredict, onRequest: authenticatedFirst }, async (request) => {
    return { predictions: await predictWithSeedModel(core, asRows(request.body.X), request.receivedAt, await request.principal()) };
  });

  app.post('/classify', { schema: routeSchemas.seedClassify, onRequest: authenticatedFirst }, async (request) => {
    if (!request.isMultipart()) throw new ModelWireError('invalid_input', 'No image file provided: send multipart/form-data with a file field named "image".');
    const { image } = await readMultipart(request);
    const result = await core.predict(SEED_IMAGE_MODEL, { kind: 'image', image }, { topK: 3, receivedAt: request.receivedAt, principal: await request.principal() });
    return { predictions: outputOf(result, 'classification').labels.map((label) => ({ class: label.label, confidence: label.probability })) };
  });
}
