import type { ReactNode } from 'react';
import type { CallOutcome } from '../lib/clients/protocol-client';

/** One call's progress: not sent, in flight, answered (ok or a protocol error), or no answer at all. */
export type Call<T> = { state: 'idle' } | { state: 'running' } | { state: 'done'; outcome: CallOutcome<T> } | { state: 'failed'; message: string };

/** Shows a call's state; an answered call is drawn by `render`. */
export function CallView<T>({ call, render }: { call: Call<T>; render(outcome: CallOutcome<T>): ReactNode }) {
  if (call.state === 'idle') return null;
  if (call.state === 'running') return <p className="muted">Working…</p>;
  if (call.state === 'failed') {
    return (
      <p className="error-text" role="alert" data-testid="error">
        {call.message}
      </p>
    );
  }
  return <>{render(call.outcome)}</>;
}
