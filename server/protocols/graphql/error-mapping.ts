import type { FastifyReply } from 'fastify';
import type { GraphQLError } from 'graphql';
// Errors are built with yoga's createGraphQLError, not graphql's own class: a bundler may load graphql's ESM build for
// this file while yoga runs on its CJS build, and graphql-js recognizes only errors of its own instance.
import { createGraphQLError, mapAsyncIterator, type Plugin } from 'graphql-yoga';
import type { ErrorCode } from '../../../lib/contract';
import { ModelWireError } from '../../../lib/model-wire-error';
import { httpStatusOf, toModelWireError } from '../shared/http-errors';
import type { Resolver } from './context';

// GraphQL's native error form is an entry of `errors[]`; ours carries the contract's code string unchanged in
// `extensions.code` (plus the error's details, e.g. installCommand). Resolver errors and query errors (syntax,
// validation, depth, cost) come in an ordinary GraphQL response (HTTP 200 for application/json clients); a request
// yoga or fastify cannot read at all (malformed, oversize or unsupported body) also gets its 4xx status.

/** A ModelWireError as the GraphQL error a resolver throws; graphql-js adds the path and locations. */
export function graphqlErrorOf(error: ModelWireError): GraphQLError {
  return createGraphQLError(error.message, { extensions: { ...error.details, code: error.code } });
}

/** Wraps a resolver so whatever it throws reaches the client with a contract code; internal errors are logged, their text masked. */
export function withContractErrors<Parent, Args, Result>(resolve: Resolver<Parent, Args, Result>): Resolver<Parent, Args, Result> {
  return async (parent, args, context) => {
    try {
      return await resolve(parent, args, context);
    } catch (error) {
      const wireError = ModelWireError.from(error);
      if (wireError.code === 'internal') context.req.log.error({ err: error }, 'internal error');
      throw graphqlErrorOf(wireError);
    }
  };
}

/** The contract code for an error raised by yoga, graphql-js or graphql-armor (their own code strings or none). */
export function contractCodeOf(foreignCode: unknown): ErrorCode {
  if (ModelWireError.isCode(foreignCode)) return foreignCode;
  switch (foreignCode) {
    case 'REQUEST_ENTITY_TOO_LARGE':
      return 'too_large';
    case 'INTERNAL_SERVER_ERROR':
      return 'internal';
    default:
      // GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, BAD_USER_INPUT, BAD_REQUEST, armor's limits, variable coercion.
      return 'invalid_input';
  }
}

function withContractCode(error: GraphQLError): GraphQLError {
  if (ModelWireError.isCode(error.extensions.code)) return error;
  return createGraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code: contractCodeOf(error.extensions.code) },
  });
}

type ResultWithErrors = { errors?: readonly GraphQLError[] };

/** A result (or a subscription event) with every error carrying a contract code; graphql-ws sends its events through this too. */
export const rewriteErrors = <T extends ResultWithErrors>(result: T): T =>
  result.errors?.length ? { ...result, errors: result.errors.map(withContractCode) } : result;

/** Errors graphql-ws sends in an `error` message (a document that does not parse or validate), with contract codes. */
export const withContractCodes = (errors: readonly GraphQLError[]) => errors.map(withContractCode);

/** A yoga plugin giving every error of every response (request, validation and execution errors) a contract code. */
export function useContractErrorCodes(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result)) setResult(result.map(rewriteErrors));
      // A subscription's events, streamed over SSE.
      else if (Symbol.asyncIterator in result) setResult(mapAsyncIterator(result, rewriteErrors));
      else setResult(rewriteErrors(result));
    },
  };
}

/** Errors fastify raises before yoga runs (malformed JSON, JSON body over bodyLimit), as a GraphQL response. */
export function sendRequestError(reply: FastifyReply, error: unknown) {
  const wireError = toModelWireError(error);
  if (wireError.code === 'internal') reply.log.error({ err: error }, 'internal error');
  return reply
    .status(httpStatusOf(wireError.code))
    .type('application/json; charset=utf-8')
    .send({ errors: [{ message: wireError.message, extensions: { ...wireError.details, code: wireError.code } }] });
}
