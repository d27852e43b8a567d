import { createContextKey, type HandlerContext, type Interceptor } from '@connectrpc/connect';
import type { Principal } from '../../core/auth/principal';
import type { InferenceCore } from '../../core/inference-core';
import { authenticateOnce, bearerTokenOf, type LazyPrincipal } from '../shared/bearer-token';

// Without the interceptor (never on our routers) a call has no principal, which the core refuses when AUTH=required.
const principalKey = createContextKey<LazyPrincipal | (() => Promise<Principal | undefined>)>(async () => undefined, { description: 'the caller' });

/**
 * Reads `authorization: Bearer <token>` metadata (an HTTP/2 header natively, an HTTP header for gRPC-Web and Connect)
 * once per call, for every service on the router. Authentication waits until a method needs the caller, so public
 * methods (ListModels, reflection) stay public.
 */
export function createAuthenticationInterceptor(core: Pick<InferenceCore, 'authenticate'>): Interceptor {
  return (next) => (request) => {
    request.contextValues.set(principalKey, authenticateOnce(core, bearerTokenOf(request.header.get('authorization'))));
    return next(request);
  };
}

/** The caller of this call; an UNAUTHENTICATED status when AUTH=required and its token is missing or bad. */
export const principalOf = (context: HandlerContext): Promise<Principal | undefined> => context.values.get(principalKey)();
