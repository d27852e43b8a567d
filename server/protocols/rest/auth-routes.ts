import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { InferenceCore } from '../../core/inference-core';
import { routeSchemas } from './schemas';

type TokenRequest = FastifyRequest<{ Body: { username: string; password: string } }>;

/**
 * POST /v1/auth/token: a user's name and password (JSON) for a bearer access token. Wrong credentials are 401
 * unauthenticated, a malformed body 400 invalid_input, and a server running with AUTH=off answers 404 not_found.
 */
export function registerAuthRoutes(app: FastifyInstance, core: InferenceCore) {
  app.post('/v1/auth/token', { schema: routeSchemas.issueToken }, async (request: TokenRequest, reply) => {
    const token = await core.issueToken(request.body.username, request.body.password);
    // RFC 6749 §5.1: a response carrying a token is never cached.
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    return token;
  });
}
