import { describe, expect, it } from 'vitest';
import { CREDENTIAL_STORAGE_KEY, createCredentialStore, type Credential, type CredentialStorage } from './credentials';

/** A Web Storage stand-in: a Map behind the three methods the store uses. */
function memoryStorage(initial: Record<string, string> = {}): CredentialStorage & { items: Map<string, string> } {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

const NOW = 1_000_000;
const ada: Credential = { token: 'token-of-ada', username: 'ada', expiresAt: NOW + 60_000 };

describe('the credential store', () => {
  it('holds one credential, keeps it in storage under one key, and forgets it on sign-out', () => {
    const storage = memoryStorage();
    const store = createCredentialStore(storage, () => NOW);
    expect(store.get()).toBeUndefined();
    store.set(ada);
    expect(store.get()).toEqual(ada);
    expect(JSON.parse(storage.items.get(CREDENTIAL_STORAGE_KEY)!)).toEqual(ada);
    store.set(undefined);
    expect(store.get()).toBeUndefined();
    expect(storage.items.size).toBe(0);
  });

  it('reads back what a previous page stored, unless it has expired or is not a credential', () => {
    expect(createCredentialStore(memoryStorage({ [CREDENTIAL_STORAGE_KEY]: JSON.stringify(ada) }), () => NOW).get()).toEqual(ada);
    expect(createCredentialStore(memoryStorage({ [CREDENTIAL_STORAGE_KEY]: JSON.stringify(ada) }), () => ada.expiresAt).get()).toBeUndefined();
    expect(createCredentialStore(memoryStorage({ [CREDENTIAL_STORAGE_KEY]: '{"token": 1}' }), () => NOW).get()).toBeUndefined();
    expect(createCredentialStore(memoryStorage({ [CREDENTIAL_STORAGE_KEY]: 'not json' }), () => NOW).get()).toBeUndefined();
  });

  it('stops handing out a credential once it has expired', () => {
    let now = NOW;
    const store = createCredentialStore(undefined, () => now);
    store.set(ada);
    now = ada.expiresAt - 1;
    expect(store.get()).toEqual(ada);
    now = ada.expiresAt;
    expect(store.get()).toBeUndefined();
  });

  it('tells its subscribers each time the token changes, and only then', () => {
    const store = createCredentialStore();
    const seen: Array<string | undefined> = [];
    const unsubscribe = store.subscribe((credential) => seen.push(credential?.username));
    store.set(ada);
    store.set({ ...ada }); // the same token again: nothing to reconnect for
    store.set({ ...ada, token: 'a-newer-token' });
    store.set(undefined);
    store.set(undefined);
    unsubscribe();
    store.set(ada);
    expect(seen).toEqual(['ada', 'ada', undefined]);
  });

  it('keeps working when storage refuses to write', () => {
    const storage = { ...memoryStorage(), setItem: () => { throw new Error('QuotaExceededError'); } };
    const store = createCredentialStore(storage, () => NOW);
    store.set(ada);
    expect(store.get()).toEqual(ada);
  });
});
