import { describe, expect, it, vi } from 'vitest';
import { ModelWireError } from '../../../lib/model-wire-error';
import { OPEN_ACCESS } from '../../core/auth/principal';
import { authenticateOnce, bearerChallengeOf, bearerTokenOf } from './bearer-token';

describe('bearer tokens', () => {
  it('reads the token of an Authorization value, the scheme in any case', () => {
    expect(bearerTokenOf('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerTokenOf('bearer  abc ')).toBe('abc');
    expect(bearerTokenOf('Basic dXNlcjpwYXNz')).toBeUndefined();
    expect(bearerTokenOf('Bearer')).toBeUndefined();
    expect(bearerTokenOf('Bearer a b')).toBeUndefined();
    expect(bearerTokenOf(undefined)).toBeUndefined();
    expect(bearerTokenOf(null)).toBeUndefined();
  });

  it('authenticates once, on first use', async () => {
    const authenticate = vi.fn(async () => OPEN_ACCESS);
    const principal = authenticateOnce({ authenticate }, 'token');
    expect(authenticate).not.toHaveBeenCalled();
    expect(await Promise.all([principal(), principal()])).toEqual([OPEN_ACCESS, OPEN_ACCESS]);
    expect(authenticate).toHaveBeenCalledTimes(1);
    expect(authenticate).toHaveBeenCalledWith('token');
  });

  it('challenges as RFC 6750 says: invalid_token only when a token was sent, insufficient_scope with the scope', () => {
    const expired = new ModelWireError('unauthenticated', 'The access token has expired; say "hi".');
    expect(bearerChallengeOf(expired, undefined)).toBe('Bearer realm="modelwire"');
    expect(bearerChallengeOf(expired, 'Basic x')).toBe('Bearer realm="modelwire"');
    expect(bearerChallengeOf(expired, 'Bearer t')).toBe('Bearer realm="modelwire", error="invalid_token", error_description="The access token has expired; say \\"hi\\"."');
    expect(bearerChallengeOf(new ModelWireError('forbidden', 'no', { scope: 'train' }), 'Bearer t')).toBe(
      'Bearer realm="modelwire", error="insufficient_scope", scope="train"',
    );
    expect(bearerChallengeOf(new ModelWireError('forbidden', 'foreign origin'), undefined)).toBeUndefined();
    expect(bearerChallengeOf(new ModelWireError('not_found', 'no'), 'Bearer t')).toBeUndefined();
  });
});
