import { credentials as sharedCredentials, type Credential, type CredentialOption } from './credentials';

export type SignInResult =
  | { kind: 'signed-in'; credential: Credential }
  /** 404 not_found: the server runs with AUTH=off, every call is allowed without a token. */
  | { kind: 'not-needed' }
  /** Wrong credentials, a malformed request, or no answer: the server's own words when it gave some. */
  | { kind: 'failed'; message: string };

interface TokenResponse {
  access_token: string;
  expires_in: number;
}

const isTokenResponse = (body: unknown): body is TokenResponse =>
  typeof (body as Partial<TokenResponse> | null)?.access_token === 'string' && typeof (body as TokenResponse).expires_in === 'number';

/**
 * POST /v1/auth/token with the user's name and password (REST, on the API's base URL). A token received becomes the
 * store's credential, which every client sends from then on.
 */
export async function signIn(
  apiBaseUrl: string,
  username: string,
  password: string,
  { credentials = sharedCredentials, now = Date.now }: CredentialOption & { now?: () => number } = {},
): Promise<SignInResult> {
  let response: Response;
  try {
    response = await fetch(`${apiBaseUrl}/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
      cache: 'no-store',
    });
  } catch (error) {
    return { kind: 'failed', message: `The server did not answer (${error instanceof Error ? error.message : String(error)}).` };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok && isTokenResponse(body)) {
    const credential = { token: body.access_token, username, expiresAt: now() + body.expires_in * 1000 };
    credentials.set(credential);
    return { kind: 'signed-in', credential };
  }
  const problem = (body ?? {}) as { code?: unknown; detail?: unknown };
  if (response.status === 404 && problem.code === 'not_found') return { kind: 'not-needed' };
  return { kind: 'failed', message: typeof problem.detail === 'string' ? problem.detail : `The server answered HTTP ${response.status}.` };
}
