import type { ErrorCode } from '../contract';
import type { ProtocolError } from './protocol-client';

/** The two refusals a sign-in can fix: no (or a bad) credential, and a credential without the scope the call needs. */
export const isAccessRefusal = (code: ErrorCode) => code === 'unauthenticated' || code === 'forbidden';

/**
 * The scope a forbidden call lacked: `details.scope` where the protocol carries details, otherwise the server's message
 * (`"ada" lacks the "train" scope for this call.`), which every protocol carries.
 */
function missingScopeOf(error: ProtocolError): string | undefined {
  const scope = error.details?.scope;
  if (typeof scope === 'string') return scope;
  return /lacks the "([\w-]+)" scope/.exec(error.message)?.[1];
}

/** What a refused call means to the person at the keyboard, in words; undefined for every other error. */
export function accessHintOf(error: ProtocolError): string | undefined {
  switch (error.code) {
    case 'unauthenticated':
      return 'Sign in to use this protocol.';
    case 'forbidden': {
      const scope = missingScopeOf(error);
      return scope ? `Your account lacks the ${scope} scope.` : undefined;
    }
    default:
      return undefined;
  }
}
