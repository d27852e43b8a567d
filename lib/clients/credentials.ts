// The one place the browser keeps its access token: every client reads it for each call (or connection), the sign-in
// box writes it. Kept in sessionStorage, so it survives a reload but not the tab, and never reaches another site.

export interface Credential {
  token: string;
  username: string;
  /** Epoch milliseconds after which the server refuses the token. */
  expiresAt: number;
}

export interface CredentialStore {
  /** The current credential; undefined when signed out or once it has expired. */
  get(): Credential | undefined;
  set(credential: Credential | undefined): void;
  /** Called each time the token changes (sign-in, sign-out, a new token). Returns the unsubscribe. */
  subscribe(listener: (credential: Credential | undefined) => void): () => void;
}

/** Every client's option: where its access token comes from (the page's shared `credentials` when left out). */
export interface CredentialOption {
  credentials?: CredentialStore;
}

/** The part of the Web Storage API the store uses. */
export type CredentialStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const CREDENTIAL_STORAGE_KEY = 'modelwire.credential';

function isCredential(value: unknown): value is Credential {
  const candidate = value as Partial<Credential> | null;
  return typeof candidate?.token === 'string' && typeof candidate.username === 'string' && typeof candidate.expiresAt === 'number';
}

function load(storage: CredentialStorage | undefined, now: number): Credential | undefined {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(CREDENTIAL_STORAGE_KEY) ?? 'null');
    return isCredential(parsed) && parsed.expiresAt > now ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function createCredentialStore(storage?: CredentialStorage, now: () => number = Date.now): CredentialStore {
  let current = load(storage, now());
  const listeners = new Set<(credential: Credential | undefined) => void>();
  return {
    get: () => (current && current.expiresAt > now() ? current : undefined),
    set(credential) {
      const changed = credential?.token !== current?.token;
      current = credential;
      try {
        if (credential) storage?.setItem(CREDENTIAL_STORAGE_KEY, JSON.stringify(credential));
        else storage?.removeItem(CREDENTIAL_STORAGE_KEY);
      } catch {
        // Storage full or refused (private mode): the credential still lasts for this page.
      }
      if (changed) for (const listener of [...listeners]) listener(credential);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

function sessionStorageOrNone(): CredentialStorage | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
  } catch {
    return undefined; // storage blocked by the browser's settings
  }
}

/** The page's credential, shared by every client that is not given a store of its own. */
export const credentials: CredentialStore = createCredentialStore(sessionStorageOrNone());
