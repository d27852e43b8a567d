'use client';

import { useEffect } from 'react';

/** How often the page asks again by itself while it is shown (a hidden tab waits until it is shown again). */
const RETRY_MS = 3_000;

/** What to do when the API server does not answer; it also tries again by itself every few seconds. */
export function ServerUnreachable({ apiBaseUrl, message, onRetry }: { apiBaseUrl: string; message: string; onRetry(): void }) {
  useEffect(() => {
    const retryIfShown = () => document.visibilityState === 'visible' && onRetry();
    const timer = setInterval(retryIfShown, RETRY_MS);
    document.addEventListener('visibilitychange', retryIfShown);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', retryIfShown);
    };
  }, [onRetry]);
  return (
    <div className="notice error" role="alert" data-testid="server-unreachable">
      {/* The clients word a server that does not answer this way (lib/clients/api-reachability.ts). */}
      {message.includes(`API unreachable at ${apiBaseUrl}`) ? (
        <p>
          API unreachable at <code>{apiBaseUrl}</code>: the API server does not answer.
        </p>
      ) : (
        <p>
          The API server at <code>{apiBaseUrl}</code> answers, but no protocol could list its models.
        </p>
      )}
      <p>
        Start it with <code>npm start</code> (or <code>npm run server</code>), then{' '}
        <button type="button" className="secondary small" onClick={onRetry}>
          try again
        </button>{' '}
        <span className="muted small">(this page also retries every {RETRY_MS / 1000} s)</span>
      </p>
      <details className="small">
        <summary>What each protocol said</summary>
        <p className="wrap-anywhere">{message}</p>
      </details>
    </div>
  );
}
