import type { FastifyInstance, FastifyReply } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * performance.now() when the request arrived, so every protocol's serverMs covers decoding too. Unique among the
     * requests being handled: it also names the request (`replyOfRequestArrivedAt`).
     */
    receivedAt: number;
  }
}

/**
 * The replies of the requests being handled, by arrival time. Not AsyncLocalStorage: on Node 20 that turns on a
 * promise hook for every promise of the process, which cost a REST call about a tenth of its server CPU (compiled
 * server, 32 calls in flight: 343–365 against 308–310 µs). Every adapter hands its request's receivedAt to the core
 * anyway.
 */
const repliesByArrival = new Map<number, FastifyReply>();

/**
 * Stamps every request's arrival time, and keeps its reply at hand while it is handled (`replyOfRequestArrivedAt`),
 * so a Server-Timing header can be set from the one place that sees the core's timing, whatever the protocol.
 */
export function stampArrivalTime(app: FastifyInstance): void {
  app.decorateRequest('receivedAt', 0);
  app.addHook('onRequest', (request, reply, done) => {
    let receivedAt = performance.now();
    // Two arrivals within the clock's resolution: the later one is told apart by the smallest step that changes it.
    while (repliesByArrival.has(receivedAt)) receivedAt += Number.EPSILON * Math.max(1, receivedAt);
    request.receivedAt = receivedAt;
    repliesByArrival.set(receivedAt, reply);
    reply.raw.once('close', () => repliesByArrival.delete(receivedAt));
    done();
  });
  app.addHook('preHandler', (_request, reply, done) => {
    allowTimingToCorsOrigin(reply);
    done();
  });
}

/** The reply, still unsent, of the fastify request that arrived at `receivedAt`; undefined for any other call. */
export function replyOfRequestArrivedAt(receivedAt: number | undefined): FastifyReply | undefined {
  const reply = receivedAt === undefined ? undefined : repliesByArrival.get(receivedAt);
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
