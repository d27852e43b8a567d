import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LazyPrincipal } from '../shared/bearer-token';

/** What every resolver gets besides its own fields, over HTTP (yoga) and over graphql-ws alike. */
export interface GraphQLContext {
  /** The fastify request: the HTTP request, or the WebSocket upgrade request for graphql-ws operations (its log). */
  req: FastifyRequest;
  /** performance.now() when this operation arrived (the request, or the graphql-ws subscribe message). */
  receivedAt: number;
  /** Absent over graphql-ws. */
  reply?: FastifyReply;
  /** The caller: the request's Authorization header over HTTP (SSE included), connectionParams over graphql-ws. */
  principal: LazyPrincipal;
}

export type Resolver<Parent, Args, Result> = (parent: Parent, args: Args, context: GraphQLContext) => Promise<Result> | Result;
