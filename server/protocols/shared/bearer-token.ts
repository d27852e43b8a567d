import type { ModelWireError } from '../../../lib/model-wire-error';
import type { Principal } from '../../core/auth/principal';
import type { InferenceCore } from '../../core/inference-core';

// RFC 6750 bearer tokens, for every adapter: where each protocol carries the token differs, what it is does not.

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** The token of an `Authorization: Bearer <token>` value (HTTP header, gRPC metadata, graphql-ws connectionParams). */
export function bearerTokenOf(authorization: string | null | undefined): string | undefined {
  return authorization ? BEARER.exec(authorization)?.[1] : undefined;
}

/** Who calls, authenticated on first use and remembered: public calls never pay for (or fail on) authentication. */
export type LazyPrincipal = () => Promise<Principal>;

export function authenticateOnce(core: Pick<InferenceCore, 'authenticate'>, token: string | undefined): LazyPrincipal {
  let principal: Promise<Principal> | undefined;
  return () => (principal ??= core.authenticate(token));
}

const quoted = (text: string) => `"${text.replace(/["\\]/g, '\\$&')}"`;

/**
 * The WWW-Authenticate challenge of an HTTP refusal (RFC 6750 §3): every 401 carries one, with error="invalid_token"
 * when a token was sent; a 403 for a missing scope says which scope. Undefined for any other error.
 */
export function bearerChallengeOf(error: ModelWireError, authorization: string | undefined): string | undefined {
  const scope = error.details?.scope;
  if (error.code === 'forbidden' && typeof scope === 'string') return `Bearer realm="modelwire", error="insufficient_scope", scope=${quoted(scope)}`;
  if (error.code !== 'unauthenticated') return undefined;
  if (bearerTokenOf(authorization) === undefined) return 'Bearer realm="modelwire"';
  return `Bearer realm="modelwire", error="invalid_token", error_description=${quoted(error.message)}`;
}
