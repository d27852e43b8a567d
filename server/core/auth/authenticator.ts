import { ModelWireError } from '../../../lib/model-wire-error';
import { OPEN_ACCESS, type Principal, type Scope } from './principal';
import type { IssuedToken, TokenService } from './token-service';
import type { UserStore } from './user-store';

export type AuthMode = 'off' | 'required';

/** Authentication and scopes, for every protocol alike: adapters only pull the credential off their wire. */
export interface Authenticator {
  readonly mode: AuthMode;
  /** POST /v1/auth/token: a user's name and password for an access token. */
  issueToken(username: string, password: string): Promise<IssuedToken>;
  /** The caller behind a bearer token; with AUTH=off everyone is allowed everything, token or not. */
  authenticate(token: string | undefined): Promise<Principal>;
  /** Throws unauthenticated (no or expired credential) or forbidden (missing scope). */
  authorize(principal: Principal | undefined, scope: Scope): Principal;
}

export function createAuthenticator(mode: AuthMode, users: UserStore, tokens: TokenService): Authenticator {
  return {
    mode,
    async issueToken(username, password) {
      if (mode === 'off') throw new ModelWireError('not_found', 'Authentication is off on this server (AUTH=off): no token is needed.');
      const principal = await users.verify(username, password);
      if (!principal) throw new ModelWireError('unauthenticated', 'Wrong user name or password.');
      return tokens.issue(principal);
    },
    async authenticate(token) {
      if (mode === 'off') return OPEN_ACCESS;
      if (token === undefined || token === '') throw new ModelWireError('unauthenticated', 'An access token is required: get one from POST /v1/auth/token.');
      return tokens.verify(token);
    },
    authorize(principal, scope) {
      if (mode === 'off') return OPEN_ACCESS;
      if (!principal) throw new ModelWireError('unauthenticated', 'An access token is required: get one from POST /v1/auth/token.');
      if (principal.expiresAt !== undefined && principal.expiresAt <= Date.now()) {
        throw new ModelWireError('unauthenticated', 'The access token has expired; get a new one from POST /v1/auth/token.');
      }
      if (!principal.scopes.includes(scope)) {
        throw new ModelWireError('forbidden', `"${principal.name}" lacks the "${scope}" scope for this call.`, { scope });
      }
      return principal;
    },
  };
}
