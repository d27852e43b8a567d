import type { FastifyInstance } from 'fastify';
import { createSchema, createYoga } from 'graphql-yoga';
import type { InferenceCore } from '../../core/inference-core';
import type { GraphQLContext } from './context';
import { sendRequestError, useContractErrorCodes } from './error-mapping';
import { createResolvers } from './handler';
import { queryLimits } from './query-limits';
import { typeDefs } from './schema';

export interface GraphQLAdapterOptions {
  core: InferenceCore;
}

/**
 * GraphQL: graphql-yoga at /graphql (POST JSON, GET, multipart uploads; GraphiQL for browsers), graphql-armor limits,
 * errors with the contract code in extensions.code. Register it with app.register(): its parsers stay in its own scope.
 */
export async function graphqlAdapter(app: FastifyInstance, { core }: GraphQLAdapterOptions) {
  const yoga = createYoga<GraphQLContext>({
    schema: createSchema<GraphQLContext>({ typeDefs, resolvers: createResolvers(core) }),
    graphqlEndpoint: '/graphql',
    graphiql: { title: 'ModelWire GraphQL' },
    landingPage: false,
    // @fastify/cors on the shared app already answers CORS for every protocol.
    cors: false,
    // Yoga's own limit (25 MB by default) set to fastify's, so the one server-wide bodyLimit decides.
    maxRequestBodySize: app.initialConfig.bodyLimit,
    plugins: [queryLimits(), useContractErrorCodes()],
    logging: {
      debug: (...args: unknown[]) => args.forEach((arg) => app.log.debug(arg)),
      info: (...args: unknown[]) => args.forEach((arg) => app.log.info(arg)),
      warn: (...args: unknown[]) => args.forEach((arg) => app.log.warn(arg)),
      error: (...args: unknown[]) => args.forEach((arg) => app.log.error(arg)),
    },
  });

  // fastify reads every body itself, so its bodyLimit holds for uploads too (chunked or not) and an oversize body gets
  // the same 413 too_large as JSON. Yoga then parses the buffered multipart (GraphQL multipart request spec) itself.
  const graphqlBodyTypes = ['multipart/form-data', 'application/graphql', 'application/x-www-form-urlencoded'];
  app.addContentTypeParser(graphqlBodyTypes, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  // Any other type (text/plain included) is refused by fastify with 415, answered below as unsupported_media.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler((error, _request, reply) => sendRequestError(reply, error));

  app.route({
    url: yoga.graphqlEndpoint,
    method: ['GET', 'POST'],
    handler: (req, reply) => yoga.handleNodeRequestAndResponse(req, reply, { req, reply }),
  });
}
