import type { WebSocket } from '@fastify/websocket';
import type { FastifyRequest } from 'fastify';
import type { ExecutionArgs } from 'graphql';
import { CloseCode, makeServer, type OperationResult } from 'graphql-ws';
import { createGraphQLError, type YogaServerInstance } from 'graphql-yoga';
import type { Principal } from '../../core/auth/principal';
import type { InferenceCore } from '../../core/inference-core';
import { bearerTokenOf } from '../shared/bearer-token';
import { isJsonWithinBudget } from '../shared/json-budget';
import { keepAlive } from '../shared/keep-alive';
import { DEFAULT_BACKPRESSURE_LIMITS, watchBackpressure } from '../shared/websocket-backpressure';
import type { GraphQLContext } from './context';
import { rewriteErrors, withContractCodes } from './error-mapping';

// GraphQL over WebSocket (the graphql-transport-ws protocol of graphql-ws) on the GET /graphql route's upgrade. Every
// operation runs through yoga's envelop (its schema, parse and validation caches, graphql-armor limits, error masking),
// as yoga's docs recommend. graphql-ws's own @fastify/websocket handler is not used: it replaces handleProtocols on the
// WebSocket server every protocol of this port shares, which would refuse the other subprotocols (mqtt).

type EnvelopedRoot = { execute: (args: ExecutionArgs) => OperationResult; subscribe: (args: ExecutionArgs) => OperationResult };

const PING_INTERVAL_MS = 30_000;
/** RFC 6455 §7.4.1, as ws itself closes a frame over its maximum. */
const CLOSE_MESSAGE_TOO_BIG = 1009;

interface Connection {
  request: FastifyRequest;
  /** Who connected, authenticated once at connection_init. */
  principal?: Promise<Principal>;
}

/**
 * The caller of a connection: connectionParams {"authorization": "Bearer <token>"} or {"access_token": "<token>"}
 * (browsers cannot set headers on a WebSocket), else the upgrade request's Authorization header.
 */
function principalOf(core: Pick<InferenceCore, 'authenticate'>, params: Readonly<Record<string, unknown>> | undefined, request: FastifyRequest) {
  if (typeof params?.authorization === 'string') return core.authenticate(bearerTokenOf(params.authorization));
  if (typeof params?.access_token === 'string') return core.authenticate(params.access_token);
  return request.principal();
}

/** A @fastify/websocket wsHandler serving graphql-ws over the yoga instance (subscriptions, queries and mutations). */
export function graphqlWsHandler(yoga: YogaServerInstance<GraphQLContext, object>, core: Pick<InferenceCore, 'authenticate'>) {
  const server = makeServer<Record<string, unknown>, Connection>({
    async onConnect(ctx) {
      ctx.extra.principal = principalOf(core, ctx.connectionParams, ctx.extra.request);
      try {
        await ctx.extra.principal;
      } catch {
        // As graphql-ws documents it: false closes the socket with 4403 Forbidden (AUTH=required, no or a bad token).
        return false;
      }
      return true;
    },
    async onSubscribe(ctx, _id, params) {
      const receivedAt = performance.now();
      const { request } = ctx.extra;
      const principal = () => ctx.extra.principal ?? request.principal();
      // No fetch `request` in this context: yoga's HTTP-only checks (no mutation by GET: the upgrade is a GET) skip
      // themselves without one, as yoga intends for graphql-ws.
      const initialContext = { req: request, receivedAt, params, principal };
      const enveloped = yoga.getEnveloped(initialContext as typeof initialContext & Parameters<typeof yoga.getEnveloped>[0]);
      let document;
      try {
        document = enveloped.parse(params.query);
      } catch (error) {
        // A syntax error (or armor's token limit) is the operation's error; thrown, graphql-ws would close the socket.
        return [createGraphQLError(error instanceof Error ? error.message : String(error), { extensions: { code: 'invalid_input' } })];
      }
      const errors = enveloped.validate(enveloped.schema, document);
      if (errors.length > 0) return errors;
      const rootValue: EnvelopedRoot = { execute: enveloped.execute, subscribe: enveloped.subscribe };
      const contextValue = await enveloped.contextFactory();
      return { schema: enveloped.schema, document, operationName: params.operationName, variableValues: params.variables, contextValue, rootValue };
    },
    execute: (args) => (args.rootValue as EnvelopedRoot).execute(args),
    subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args),
    onNext: (_ctx, _id, _params, _args, result) => (result.errors?.length ? { ...result, errors: rewriteErrors(result).errors!.map((error) => error.toJSON()) } : undefined),
    onError: (_ctx, _id, _params, errors) => withContractCodes(errors).map((error) => error.toJSON()),
  });

  return (socket: WebSocket, request: FastifyRequest) => {
    const stopKeepAlive = keepAlive(socket, PING_INTERVAL_MS);
    const backpressure = watchBackpressure(socket, DEFAULT_BACKPRESSURE_LIMITS);
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => {
            if (socket.readyState !== socket.OPEN) return resolve();
            socket.send(data, (error) => (error ? reject(error) : resolve()));
            backpressure.afterSend();
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', (data) => {
            const text = String(data);
            // graphql-ws would JSON.parse it whole: a message over the JSON budget closes the socket as too big.
            if (!isJsonWithinBudget(text)) return socket.close(CLOSE_MESSAGE_TOO_BIG, 'The message holds too much JSON.');
            handle(text).catch((error: unknown) => {
              request.log.error({ err: error }, 'graphql-ws message failed');
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            });
          }),
      },
      { request },
    );
    socket.once('close', (code, reason) => {
      stopKeepAlive();
      backpressure.stop();
      void closed(code, reason.toString());
    });
  };
}
