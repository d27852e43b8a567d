import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/support/temp-dir';
import { createAuthenticator } from './authenticator';
import { hashPassword, verifyPassword } from './password-hash';
import { parseScopes } from './principal';
import { createTokenService, loadJwtSecret } from './token-service';
import { createUserStore } from './user-store';

const secret = new TextEncoder().encode('s'.repeat(32));
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('authentication', () => {
  const tempDir = useTempDir('auth');

  it('hashes passwords with scrypt and a salt, and verifies only the right one', async () => {
    const [first, second] = [await hashPassword('correct horse'), await hashPassword('correct horse')];
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword('correct horse', first)).toBe(true);
    expect(await verifyPassword('correct hors', first)).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });

  it('keeps users in DATA_DIR/users.json without their passwords, and replaces a user on put', async () => {
    const users = createUserStore(tempDir());
    await users.put('ada', 'first password', ['predict']);
    await users.put('ada', 'second password', ['predict', 'train']);
    const stored = await readFile(path.join(tempDir(), 'users.json'), 'utf8');
    expect(stored).not.toContain('second password');
    expect(JSON.parse(stored)).toHaveLength(1);
    expect(await users.verify('ada', 'first password')).toBeUndefined();
    expect(await users.verify('ada', 'second password')).toEqual({ name: 'ada', scopes: ['predict', 'train'] });
    expect(await users.verify('nobody', 'second password')).toBeUndefined();
    await expect(users.put('../x', 'long enough', [])).rejects.toThrow(/user name/);
    await expect(users.put('bob', 'short', [])).rejects.toThrow(/8 characters/);
  });

  it('parses scope lists and refuses unknown scopes', () => {
    expect(parseScopes('predict, train,predict')).toEqual(['predict', 'train']);
    expect(() => parseScopes('predict,fly')).toThrow(/unknown scope fly/);
  });

  it('generates the JWT secret once, readable by its owner only, unless JWT_SECRET is given', async () => {
    const first = await loadJwtSecret(tempDir(), undefined);
    expect(await loadJwtSecret(tempDir(), undefined)).toEqual(first);
    expect((await stat(path.join(tempDir(), 'jwt-secret'))).mode & 0o777).toBe(0o600);
    expect(new TextDecoder().decode(await loadJwtSecret(tempDir(), 'configured'))).toBe('configured');
  });

  it('issues tokens for the right password and refuses expired, forged and alg:none tokens', async () => {
    const users = createUserStore(tempDir());
    await users.put('ada', 'correct horse', ['predict']);
    const auth = createAuthenticator('required', users, createTokenService(secret, 60));
    const issued = await auth.issueToken('ada', 'correct horse');
    expect(issued).toMatchObject({ token_type: 'Bearer', expires_in: 60 });
    expect(await auth.authenticate(issued.access_token)).toMatchObject({ name: 'ada', scopes: ['predict'] });
    await expect(auth.issueToken('ada', 'wrong')).rejects.toMatchObject({ code: 'unauthenticated' });

    const claims = { sub: 'ada', scope: 'predict train admin', iss: 'modelwire' };
    const expired = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(Math.floor(Date.now() / 1000) - 10).sign(secret);
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode('other'.repeat(8)));
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, exp: Math.floor(Date.now() / 1000) + 3600 })}.`;
    for (const token of [undefined, '', 'garbage', expired, forged, unsigned]) {
      await expect(auth.authenticate(token), String(token)).rejects.toMatchObject({ code: 'unauthenticated' });
    }
    await expect(auth.authenticate(expired)).rejects.toThrow(/expired/);
  });

  it('with AUTH=off lets everyone do everything and never needs a token', async () => {
    const auth = createAuthenticator('off', createUserStore(tempDir()), createTokenService(secret, 60));
    expect((await auth.authenticate(undefined)).scopes).toEqual(['predict', 'train', 'admin']);
    expect(auth.authorize(undefined, 'admin').name).toBe('anonymous');
  });
});
