import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { InferenceCore } from '../../core/inference-core';
import { authenticateOnce, bearerTokenOf, type LazyPrincipal } from './bearer-token';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller behind the request's `Authorization: Bearer` header, authenticated on first use, once per request. */
    principal: LazyPrincipal;
  }
}

/**
 * Gives every request of the API port its lazy `request.principal()`. Nothing is checked here: public routes (health,
 * model lists, OpenAPI, GraphiQL, WSDL) stay public, and each call into the core that needs a scope asks for it.
 */
export function authenticateRequests(app: FastifyInstance, core: Pick<InferenceCore, 'authenticate'>): void {
  app.decorateRequest('principal', null as unknown as LazyPrincipal);
  // A callback hook, not an async one: every request of every HTTP protocol runs it, and it has nothing to await.
  app.addHook('onRequest', (request, _reply, done) => {
    request.principal = authenticateOnce(core, bearerTokenOf(request.headers.authorization));
    done();
  });
}

/** A route's onRequest hook: the credential is checked before the body is read, so a refused caller uploads nothing. */
export async function authenticatedFirst(request: FastifyRequest): Promise<void> {
  await request.principal();
}
