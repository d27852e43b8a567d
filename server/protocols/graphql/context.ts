import type { FastifyReply, FastifyRequest } from 'fastify';

/** What yoga hands every resolver besides its own fields: the fastify request (receivedAt, log) and reply. */
export interface GraphQLContext {
  req: FastifyRequest;
  reply: FastifyReply;
}

export type Resolver<Parent, Args, Result> = (parent: Parent, args: Args, context: GraphQLContext) => Promise<Result> | Result;
