'use client';

import { useId, useState, type FormEvent } from 'react';
import { signIn, type SignInResult } from '../lib/clients/sign-in';

interface SignInFormProps {
  apiBaseUrl: string;
  onResult(result: SignInResult): void;
}

/** User name and password for POST /v1/auth/token; the server's own words when it refuses them. */
export function SignInForm({ apiBaseUrl, onResult }: SignInFormProps) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string>();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const fields = new FormData(form);
    setBusy(true);
    const result = await signIn(apiBaseUrl, String(fields.get('username') ?? ''), String(fields.get('password') ?? ''));
    setBusy(false);
    setRefusal(result.kind === 'failed' ? result.message : undefined);
    if (result.kind !== 'failed') form.reset();
    onResult(result);
  }

  return (
    <form className="sign-in-form" onSubmit={onSubmit} aria-describedby={refusal ? `${id}-refusal` : undefined}>
      <div className="sign-in-field">
        <label htmlFor={`${id}-username`}>User name</label>
        <input id={`${id}-username`} name="username" type="text" autoComplete="username" autoCapitalize="none" spellCheck={false} required />
      </div>
      <div className="sign-in-field">
        <label htmlFor={`${id}-password`}>Password</label>
        <input id={`${id}-password`} name="password" type="password" autoComplete="current-password" required />
      </div>
      <button type="submit" className="primary small" disabled={busy} aria-busy={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      {refusal ? (
        <p id={`${id}-refusal`} className="error-text small sign-in-refusal" role="alert">
          {refusal}
        </p>
      ) : null}
    </form>
  );
}
