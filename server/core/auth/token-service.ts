import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { ModelWireError } from '../../../lib/model-wire-error';
import { SCOPES, type Principal, type Scope } from './principal';

const ISSUER = 'modelwire';
const ALGORITHM = 'HS256';

export interface IssuedToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

/** JWT_SECRET, or a random secret generated once into DATA_DIR/jwt-secret (readable by this user only). */
export async function loadJwtSecret(dataDir: string, configured: string | undefined): Promise<Uint8Array> {
  if (configured) return new TextEncoder().encode(configured);
  const file = path.join(dataDir, 'jwt-secret');
  await mkdir(dataDir, { recursive: true });
  try {
    await writeFile(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return new TextEncoder().encode((await readFile(file, 'utf8')).trim());
}

const unauthenticated = (message: string) => new ModelWireError('unauthenticated', message);

function scopesOf(claim: unknown): Scope[] {
  if (typeof claim !== 'string') return [];
  return claim.split(' ').filter((scope): scope is Scope => (SCOPES as readonly string[]).includes(scope));
}

/** Signs and verifies HS256 access tokens; any other algorithm (`none` included) is refused. */
export function createTokenService(secret: Uint8Array, ttlSeconds: number) {
  return {
    async issue(principal: Principal): Promise<IssuedToken> {
      const token = await new SignJWT({ scope: principal.scopes.join(' ') })
        .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
        .setSubject(principal.name)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(secret);
      return { access_token: token, token_type: 'Bearer', expires_in: ttlSeconds };
    },
    async verify(token: string): Promise<Principal> {
      try {
        const { payload } = await jwtVerify(token, secret, { algorithms: [ALGORITHM], issuer: ISSUER, requiredClaims: ['sub', 'exp'] });
        return { name: payload.sub!, scopes: scopesOf(payload.scope), expiresAt: payload.exp! * 1000 };
      } catch (error) {
        if (error instanceof joseErrors.JWTExpired) throw unauthenticated('The access token has expired; get a new one from POST /v1/auth/token.');
        throw unauthenticated('The access token is not valid (bad signature, algorithm or claims).');
      }
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
