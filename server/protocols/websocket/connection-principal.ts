import type { Principal } from '../../core/auth/principal';
import type { InferenceCore } from '../../core/inference-core';

export type ConnectionPrincipal = ReturnType<typeof createConnectionPrincipal>;

/**
 * Who calls on one /ws connection: the token given at connect (`?access_token=`, the `bearer` subprotocol or an
 * Authorization header), replaced by each {"type":"auth"} message. The core checks its scopes and expiry on every call,
 * so a token that expires while connected stops working then, until the client sends a new one.
 */
export function createConnectionPrincipal(core: Pick<InferenceCore, 'authenticate'>, connectToken: string | undefined, onRefused: (error: unknown) => void) {
  let current: Promise<Principal | undefined>;

  /** Replaces the caller at once (messages after this one wait for it); a refused token leaves the connection without one. */
  function authenticate(token: string | undefined): Promise<Principal> {
    const attempt = core.authenticate(token);
    current = attempt.catch(() => undefined);
    return attempt;
  }

  // No token at connect is no error yet (AUTH=off needs none; public calls work); a bad one is said at once.
  authenticate(connectToken).catch((error: unknown) => {
    if (connectToken !== undefined) onRefused(error);
  });
  return {
    authenticate,
    /** The caller now; undefined before a good token, which the core answers unauthenticated when AUTH=required. */
    current: () => current,
  };
}
