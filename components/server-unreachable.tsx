'use client';

import { useEffect } from 'react';

const RETRY_MS = 10_000;

/** What to do when the API server does not answer; it also tries again by itself every 10 s. */
export function ServerUnreachable({ apiBaseUrl, message, onRetry }: { apiBaseUrl: string; message: string; onRetry(): void }) {
  useEffect(() => {
    const timer = setInterval(onRetry, RETRY_MS);
    return () => clearInterval(timer);
  }, [onRetry]);
  return (
    <div className="notice error" role="alert">
      <p>
        Cannot reach the API server at <code>{apiBaseUrl}</code> ({message}).
      </p>
      <p>
        Start it with <code>npm start</code> (or <code>npm run server</code>), then{' '}
        <button type="button" className="secondary small" onClick={onRetry}>
          try again
        </button>{' '}
        <span className="muted small">(this page also retries every 10 s)</span>
      </p>
    </div>
  );
}
