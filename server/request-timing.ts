import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance, FastifyReply } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** performance.now() when the request arrived, so every protocol's serverMs covers decoding too. */
    receivedAt: number;
  }
}

/** The reply of the request whose handler is running, for code deep inside an adapter (the core's callers). */
const handledReply = new AsyncLocalStorage<FastifyReply>();

/**
 * Stamps every request's arrival time, and runs every handler with its reply at hand (`currentReply()`), so a
 * Server-Timing header can be set from the one place that sees the core's timing, whatever the protocol.
 */
export function stampArrivalTime(app: FastifyInstance): void {
  app.decorateRequest('receivedAt', 0);
  app.addHook('onRequest', (request, _reply, done) => {
    request.receivedAt = performance.now();
    done();
  });
  // preHandler, not onRequest: fastify reads the body in another async context, and the handler is called from `done`.
  app.addHook('preHandler', (_request, reply, done) => {
    allowTimingToCorsOrigin(reply);
    handledReply.run(reply, done);
  });
}

/** The reply of the handler running now; undefined outside a fastify handler (native gRPC, MQTT, a WebSocket message). */
export function currentReply(): FastifyReply | undefined {
  const reply = handledReply.getStore();
  return reply && !reply.sent && !reply.raw.headersSent ? reply : undefined;
}

/**
 * Resource Timing shows another origin's connect, request and response times (and Server-Timing) only to the origins
 * named in Timing-Allow-Origin: exactly the origin CORS allowed (the web app's), once @fastify/cors has decided.
 */
function allowTimingToCorsOrigin(reply: FastifyReply): void {
  const allowed = reply.getHeader('access-control-allow-origin');
  if (typeof allowed === 'string' && allowed !== '') reply.header('timing-allow-origin', allowed);
}
