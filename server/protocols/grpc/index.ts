import { cors as connectCors, createContextValues } from '@connectrpc/connect';
import { fastifyConnectPlugin } from '@connectrpc/connect-fastify';
import type { FastifyInstance } from 'fastify';
import type { InferenceCore } from '../../core/inference-core';
import { MODELWIRE_CODE_KEY } from './error-mapping';
import { receivedAtKey } from './handler';
import { SERVER_TIMING, withServerTiming } from '../shared/server-timing';
import { closeConnectionIfBodyUnread } from './unread-request-body';
import { modelWireRouter } from './routes';

export { startGrpcServer, type GrpcServerOptions, type RunningGrpcServer } from './native-server';

export interface ConnectAdapterOptions {
  core: InferenceCore;
  maxMessageBytes?: number;
}

// The global CORS plugin exposes "*", which browsers ignore on credentialed requests; name what gRPC-Web and Connect need.
const EXPOSED_HEADERS = ['*', ...connectCors.exposedHeaders, MODELWIRE_CODE_KEY, SERVER_TIMING].join(', ');

/**
 * gRPC-Web and Connect on the API port, so the browser (connect-web) calls the same services as native gRPC clients:
 * POST /modelwire.v1.InferenceService/{ListModels,Predict,ClassifyImage,Train,WatchSentiment,PushSentimentText} and
 * POST /MLModel/Predict.
 * Register it with app.register(): connect-es's content-type parsers stay inside this plugin's scope.
 */
export async function connectAdapter(app: FastifyInstance, { core, maxMessageBytes }: ConnectAdapterOptions): Promise<void> {
  const shutdown = new AbortController();
  // An open WatchSentiment is a request in progress, which would hold app.close() until it ends.
  app.addHook('preClose', async () => shutdown.abort());
  app.addHook('onRequest', async (request, reply) => {
    reply.header('access-control-expose-headers', EXPOSED_HEADERS);
    closeConnectionIfBodyUnread(request, reply);
  });
  await app.register(fastifyConnectPlugin, {
    ...modelWireRouter({ core: withServerTiming(core), shutdown: shutdown.signal, maxMessageBytes, logInternalError: (error) => app.log.error({ err: error }, 'internal error') }),
    contextValues: (request) => createContextValues().set(receivedAtKey, request.receivedAt),
  });
}
