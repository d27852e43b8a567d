import type { CredentialStore } from './credentials';

// The bearer token on HTTP (REST, GraphQL, SOAP, gRPC-Web/Connect): one header, sent in full, shown shortened, and
// written as $TOKEN in copy-as commands, so neither the wire view nor a pasted command leaks it.

/** The shell variable copy-as commands read the token from. */
export const TOKEN_VARIABLE = '$TOKEN';

/** `authorization: Bearer <token>` when signed in; nothing otherwise. */
export function authorizationHeader(store: CredentialStore): Array<[string, string]> {
  const token = store.get()?.token;
  return token ? [['authorization', `Bearer ${token}`]] : [];
}

/** Enough of a token to tell two apart, never enough to use: `eyJhbGci…k3Qx`. */
export const shortToken = (token: string) => (token.length > 16 ? `${token.slice(0, 8)}…${token.slice(-4)}` : '…');

/** Headers as the wire view shows them: a bearer token shortened. */
export function shownHeaders(headers: Iterable<[string, string]>): Array<[string, string]> {
  return [...headers].map(([name, value]): [string, string] => {
    if (name.toLowerCase() !== 'authorization') return [name, value];
    const [scheme, token] = value.split(/\s+/, 2);
    return [name, token ? `${scheme} ${shortToken(token)}` : value];
  });
}

/** ` -H "Authorization: Bearer $TOKEN"` for curl and grpcurl when signed in; empty otherwise. */
export const authorizationFlag = (store: CredentialStore) => (store.get() ? ` -H "Authorization: Bearer ${TOKEN_VARIABLE}"` : '');
