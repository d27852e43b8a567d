'use client';

import { useEffect, useId, useRef, useState } from 'react';

type CopyState = { state: 'idle' } | { state: 'copied'; text: string } | { state: 'manual'; text: string } | { state: 'failed'; message: string };

interface CopyAsButtonProps {
  /** Builds the snippet when pressed; a string return is the snippet, a thrown error is shown. */
  snippet: () => string;
  /** e.g. "curl", "grpcurl" — the accessible name is "Copy as <what>". */
  what?: string;
  disabled?: boolean;
}

const preview = (text: string) => (text.length > 48 ? `${text.slice(0, 48)}…` : text);

/** Copies a command that reproduces the call; says so visibly, or shows the text to copy by hand when the clipboard is closed. */
export function CopyAsButton({ snippet, what = 'command', disabled }: CopyAsButtonProps) {
  const id = useId();
  const [copy, setCopy] = useState<CopyState>({ state: 'idle' });
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function onClick() {
    let text: string;
    try {
      text = snippet();
    } catch (error) {
      return setCopy({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
    try {
      await navigator.clipboard.writeText(text);
      setCopy({ state: 'copied', text });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setCopy({ state: 'idle' }), 2500);
    } catch {
      setCopy({ state: 'manual', text });
    }
  }

  return (
    <div className="copy-as">
      <button type="button" className="secondary small" onClick={onClick} disabled={disabled}>
        Copy as {what}
      </button>
      <span role="status" className="copy-status">
        {copy.state === 'copied' ? `✓ Copied: ${preview(copy.text)}` : copy.state === 'failed' ? copy.message : ''}
      </span>
      {copy.state === 'manual' ? (
        <div className="field copy-manual">
          <label htmlFor={`${id}-manual`}>The clipboard is not available here; copy this by hand:</label>
          <textarea id={`${id}-manual`} readOnly rows={3} value={copy.text} onFocus={(event) => event.currentTarget.select()} autoFocus />
        </div>
      ) : null}
    </div>
  );
}
