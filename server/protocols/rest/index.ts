import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import type { InferenceCore } from '../../core/inference-core';
import { artifactRoutes } from './artifact-routes';
import { registerAuthRoutes } from './auth-routes';
import { benchRoutes } from './bench-routes';
import { sendProblem } from './error-mapping';
import { toModelWireError } from '../shared/http-errors';
import { parseJsonWithinBudget } from '../shared/json-body-parser';
import { withServerTiming } from '../shared/server-timing';
import { registerModelRoutes } from './handler';
import { securitySchemes } from './schemas';
import { registerSeedRoutes } from './seed-routes';

export interface RestAdapterOptions {
  core: InferenceCore;
  maxBodyBytes: number;
  /** DATA_DIR, where `npm run bench` leaves its latest report. */
  dataDir: string;
}

/**
 * REST: JSON and multipart over HTTP, OpenAPI at /openapi.json, Swagger UI at /docs, errors as problem+json.
 * Register it with app.register(): its parsers, error handler and OpenAPI document stay inside its own scope.
 */
export async function restAdapter(app: FastifyInstance, { core, maxBodyBytes, dataDir }: RestAdapterOptions) {
  await app.register(multipart, { limits: { fileSize: maxBodyBytes, files: 1, fields: 10, parts: 12 } });
  parseJsonWithinBudget(app);
  // JSON or multipart only: a text/plain body is 415 unsupported_media, not a string the routes would refuse as 400.
  app.removeContentTypeParser('text/plain');
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'ModelWire REST API',
        version: '1.0.0',
        description: 'Real ONNX models (sentiment, MobileNetV2 ImageNet, trainable linear regression) over REST. Errors are application/problem+json.',
      },
      tags: [
        { name: 'models' },
        { name: 'seed', description: 'The seed slide deck\'s original routes' },
        { name: 'auth', description: 'Access tokens for servers running with AUTH=required' },
        { name: 'bench', description: 'Results of `npm run bench`' },
        { name: 'health' },
      ],
      components: { securitySchemes },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  // Multipart bodies are streamed by the handlers (request.parts()); their schema only documents them.
  app.addHook('preValidation', async (request) => {
    if (request.isMultipart()) request.body = {};
  });

  app.setErrorHandler((error, request, reply) => {
    const wireError = toModelWireError(error);
    if (wireError.code === 'internal') request.log.error({ err: error }, 'internal error');
    return sendProblem(reply, wireError, request.url);
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  registerModelRoutes(app, withServerTiming(core));
  registerSeedRoutes(app, core);
  registerAuthRoutes(app, core);
  await app.register(artifactRoutes, { artifacts: core });
  await app.register(benchRoutes, { dataDir });
}
