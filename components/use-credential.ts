'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import { credentials, type Credential } from '../lib/clients/credentials';

const TICK_MS = 30_000;

/**
 * The page's credential as React state, with the whole minutes it has left (rounded up). At its expiry the credential
 * is dropped from the store, so every client stops sending it and the connection-based ones reconnect without it.
 */
export function useCredential(): { credential: Credential | undefined; minutesLeft: number } {
  const credential = useSyncExternalStore(credentials.subscribe, credentials.get, () => undefined);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (!credential) return;
    setNow(Date.now());
    const tick = setInterval(() => setNow(Date.now()), TICK_MS);
    const expire = setTimeout(() => credentials.set(undefined), Math.max(0, credential.expiresAt - Date.now()));
    return () => {
      clearInterval(tick);
      clearTimeout(expire);
    };
  }, [credential]);

  return { credential, minutesLeft: credential ? Math.max(0, Math.ceil((credential.expiresAt - now) / 60_000)) : 0 };
}
