'use client';

import { useEffect, useRef, useState } from 'react';
import { credentials } from '../lib/clients/credentials';
import type { SignInResult } from '../lib/clients/sign-in';
import { SignInForm } from './sign-in-form';
import { useCredential } from './use-credential';

const expiresIn = (minutes: number) => (minutes <= 1 ? 'expires in under a minute' : `expires in ${minutes} min`);

/**
 * The header's sign-in box: who is signed in and for how long, or a compact form (folded away until opened, so it
 * fits a phone's header). A server with AUTH=off answers the first attempt with 404, and the box says no sign-in is needed.
 */
export function SignIn({ apiBaseUrl }: { apiBaseUrl: string }) {
  const { credential, minutesLeft } = useCredential();
  const [notNeeded, setNotNeeded] = useState(false);
  const [formOpen, setFormOpen] = useState(false);
  const signOutButton = useRef<HTMLButtonElement>(null);
  const summary = useRef<HTMLElement>(null);
  /** Where focus goes once the box has changed under it: keyboard users keep their place. */
  const focusNext = useRef<'sign-out' | 'summary'>(undefined);

  useEffect(() => {
    const target = focusNext.current === 'sign-out' ? signOutButton.current : focusNext.current === 'summary' ? summary.current : null;
    focusNext.current = undefined;
    target?.focus();
  }, [credential]);

  function onResult(result: SignInResult) {
    if (result.kind === 'not-needed') setNotNeeded(true);
    if (result.kind === 'signed-in') focusNext.current = 'sign-out';
  }

  if (credential) {
    return (
      <div className="sign-in" data-testid="sign-in">
        <span role="status">
          signed in as <strong>{credential.username}</strong> ({expiresIn(minutesLeft)})
        </span>
        <button
          ref={signOutButton}
          type="button"
          className="secondary small"
          onClick={() => {
            focusNext.current = 'summary';
            setFormOpen(false);
            credentials.set(undefined);
          }}
        >
          Sign out
        </button>
      </div>
    );
  }
  if (notNeeded) {
    return (
      <p className="sign-in muted small" data-testid="sign-in" role="status">
        This server needs no sign-in (AUTH=off): every call is allowed.
      </p>
    );
  }
  return (
    <details className="sign-in" data-testid="sign-in" open={formOpen} onToggle={(event) => setFormOpen(event.currentTarget.open)}>
      <summary ref={summary}>Sign in</summary>
      <SignInForm apiBaseUrl={apiBaseUrl} onResult={onResult} />
    </details>
  );
}
