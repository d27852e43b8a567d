export const SCOPES = ['predict', 'train', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** Who is calling, as the core knows it after authentication. */
export interface Principal {
  name: string;
  scopes: readonly Scope[];
  /** Epoch milliseconds after which the credential no longer counts; undefined when it never expires. */
  expiresAt?: number;
}

/** Every caller when AUTH=off: allowed everything, as before authentication existed. */
export const OPEN_ACCESS: Principal = { name: 'anonymous', scopes: SCOPES };

export function parseScopes(list: string): Scope[] {
  const scopes = list
    .split(',')
    .map((scope) => scope.trim())
    .filter(Boolean);
  const unknown = scopes.filter((scope) => !(SCOPES as readonly string[]).includes(scope));
  if (unknown.length > 0) throw new Error(`unknown scope ${unknown.join(', ')}; scopes are ${SCOPES.join(', ')}`);
  return [...new Set(scopes)] as Scope[];
}
