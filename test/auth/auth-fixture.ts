import { SignJWT } from 'jose';
import { beforeAll } from 'vitest';
import { createUserStore } from '../../server/core/auth/user-store';
import { postJson, type RunningApi } from '../support/start-api';
import { useApi } from '../support/use-api';

// A server with AUTH=required, its two users, and the tokens every protocol must refuse.

export const JWT_SECRET = 'x'.repeat(32);
export const PASSWORD = 'correct horse battery';

export interface Tokens {
  /** Scope predict only. */
  predictor: string;
  /** Scopes predict and train. */
  trainer: string;
}

const encoded = (text: string) => new TextEncoder().encode(text);
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

/** A token as the server would sign it (HS256, issuer modelwire, sub, scope, exp), with the secret and expiry given. */
export function signToken({ secret = JWT_SECRET, expiresAt = now() + 600, user = 'trainer', scope = 'predict train' } = {}): Promise<string> {
  return new SignJWT({ scope })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user)
    .setIssuer('modelwire')
    .setIssuedAt(expiresAt - 60)
    .setExpirationTime(expiresAt)
    .sign(encoded(secret));
}

const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: 'trainer', iss: 'modelwire', scope: 'predict train', iat: now(), exp: now() + 600 })}.`;

/** Every credential a protocol must refuse as unauthenticated, by what is wrong with it (a trainer's claims in each). */
export const REFUSED_TOKENS: ReadonlyArray<readonly [label: string, token: string | undefined]> = [
  ['no token', undefined],
  ['an expired token', await signToken({ expiresAt: now() - 60 })],
  ['a token signed with another secret', await signToken({ secret: 'y'.repeat(32) })],
  ['an alg "none" token', unsigned],
];

export const bearer = (token: string | undefined): Record<string, string> => (token === undefined ? {} : { authorization: `Bearer ${token}` });

export async function issueToken(api: RunningApi, username: string): Promise<string> {
  const { status, json } = await postJson(`${api.url}/v1/auth/token`, { username, password: PASSWORD });
  if (status !== 200) throw new Error(`POST /v1/auth/token for ${username} answered ${status}: ${JSON.stringify(json)}`);
  return json.access_token;
}

/** Starts a server with AUTH=required around the enclosing describe, adds its users and gets each a token. */
export function useAuthApi(): { api: () => RunningApi; tokens: () => Tokens } {
  // Streams a test abandons (a cancelled gRPC-Web watch) keep a graceful shutdown waiting for its deadline: keep it short.
  const api = useApi({ env: { AUTH: 'required', JWT_SECRET, TOKEN_TTL_SECONDS: '60', SHUTDOWN_DEADLINE_MS: '1000' } });
  let tokens: Tokens | undefined;
  beforeAll(async () => {
    const users = createUserStore(api().dataDir);
    await users.put('predictor', PASSWORD, ['predict']);
    await users.put('trainer', PASSWORD, ['predict', 'train']);
    tokens = { predictor: await issueToken(api(), 'predictor'), trainer: await issueToken(api(), 'trainer') };
  });
  return { api, tokens: () => tokens! };
}
