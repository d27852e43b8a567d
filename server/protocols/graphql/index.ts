import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createSchema, createYoga } from 'graphql-yoga';
import type { InferenceCore } from '../../core/inference-core';
import type { GraphQLContext } from './context';
import { parseJsonWithinBudget } from '../shared/json-body-parser';
import { withServerTiming } from '../shared/server-timing';
import { asYogaRequestBody } from './buffered-body';
import { sendRequestError, useContractErrorCodes } from './error-mapping';
import { createResolvers } from './handler';
import { queryLimits } from './query-limits';
import { refuseUnparsableJsonParams } from './query-params';
import { typeDefs } from './schema';
import { streamTypeDefs } from './stream-schema';
import { graphqlWsHandler } from './websocket-transport';

export interface GraphQLAdapterOptions {
  core: InferenceCore;
}

/**
 * GraphQL: graphql-yoga at /graphql (POST JSON, GET, multipart uploads; GraphiQL for browsers), graphql-armor limits,
 * errors with the contract code in extensions.code. Subscriptions (live sentiment) over SSE by yoga and over graphql-ws
 * on the same URL's WebSocket upgrade. Register it with app.register(): its parsers stay in its own scope.
 * See docs/protocols/graphql.md.
 */
export async function graphqlAdapter(app: FastifyInstance, { core }: GraphQLAdapterOptions) {
  const shutdown = new AbortController();
  let graphiqlPage: Promise<string> | undefined;
  const yoga = createYoga<GraphQLContext>({
    schema: createSchema<GraphQLContext>({ typeDefs: [typeDefs, streamTypeDefs], resolvers: createResolvers(withServerTiming(core), shutdown.signal) }),
    graphqlEndpoint: '/graphql',
    graphiql: { title: 'ModelWire GraphQL' },
    // GraphiQL's scripts, styles and editor workers inlined from the package, so the page works offline (no CDN). The
    // package is 9 MB of JavaScript (~0.4 s to load, so not at start-up) and the page takes ~30 ms to build; its
    // options never change, so it is built once, on the first visit.
    renderGraphiQL: (options) => (graphiqlPage ??= import('@graphql-yoga/render-graphiql').then(({ renderGraphiQL }) => renderGraphiQL(options))),
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
  // No application/x-www-form-urlencoded: an HTML form on any site could send it without a CORS preflight.
  const graphqlBodyTypes = ['multipart/form-data', 'application/graphql'];
  app.addContentTypeParser(graphqlBodyTypes, { parseAs: 'buffer' }, (_request, body, done) => done(null, asYogaRequestBody(body as Buffer)));
  // Any other type (text/plain included) is refused by fastify with 415, answered below as unsupported_media.
  app.removeContentTypeParser('text/plain');
  parseJsonWithinBudget(app);
  app.setErrorHandler((error, _request, reply) => sendRequestError(reply, error));

  const handler = (req: FastifyRequest, reply: FastifyReply) =>
    yoga.handleNodeRequestAndResponse(req, reply, { req, reply, receivedAt: req.receivedAt, principal: req.principal });
  app.route({ url: yoga.graphqlEndpoint, method: 'POST', handler });
  // GET serves queries, SSE subscriptions and GraphiQL; its WebSocket upgrade serves graphql-ws.
  app.route({ url: yoga.graphqlEndpoint, method: 'GET', handler, preValidation: refuseUnparsableJsonParams, wsHandler: graphqlWsHandler(yoga, core) });
  // Ends this listener's subscriptions (an SSE response would otherwise keep the server from closing).
  app.addHook('preClose', async () => shutdown.abort());
}
