import type { FastifyInstance } from 'fastify';
import { ModelWireError } from '../../../lib/model-wire-error';
import { sendProblem } from '../rest/error-mapping';
import { createOriginPolicy, type OriginPolicy, type OriginPolicyOptions } from './origin-policy';

/**
 * Refuses, with 403 forbidden, every request a browser sends from a page of another site: CORS alone would still let
 * a form POST or a WebSocket upgrade through. WebSocket upgrades (/ws, /graphql, /mqtt) pass this hook too.
 */
export function refuseForeignOrigins(app: FastifyInstance, options: OriginPolicyOptions): OriginPolicy {
  const allows = createOriginPolicy(options);
  // A callback hook, not an async one: every request runs it and almost all pass at once.
  app.addHook('onRequest', (request, reply, done) => {
    const origin = request.headers.origin;
    if (allows(origin, request.headers.host)) return done();
    const error = new ModelWireError('forbidden', `Requests from the page origin ${origin} are not allowed; add it to ALLOWED_ORIGINS to allow it.`, {
      origin,
    });
    // A refused WebSocket upgrade's socket is no longer the HTTP server's to track (this hook runs before
    // @fastify/websocket's, which would destroy it): close it once answered, or it holds a shutdown.
    if (request.headers.upgrade) {
      reply.header('connection', 'close');
      reply.raw.once('finish', () => request.raw.socket.destroy());
    }
    sendProblem(reply, error, request.url);
  });
  return allows;
}
