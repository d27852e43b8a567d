'use client';

import { useEffect, useState } from 'react';
import type { ModelDescriptor, ModelStatus } from '../lib/contract';

const POLL_MS = 10_000;

type Health =
  | { state: 'checking' }
  | { state: 'up'; models: Record<string, ModelStatus>; checkedAt: Date }
  | { state: 'down'; reason: string; checkedAt: Date };

/** Which server the page talks to, whether it answers (GET /healthz every 10 s), and which models it has. */
export function ServerStatus({ apiBaseUrl }: { apiBaseUrl: string }) {
  const [health, setHealth] = useState<Health>({ state: 'checking' });
  const [installCommands, setInstallCommands] = useState<Record<string, string>>({});

  useEffect(() => {
    let stopped = false;
    async function check() {
      try {
        const response = await fetch(`${apiBaseUrl}/healthz`, { cache: 'no-store', signal: AbortSignal.timeout(5000) });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const body = (await response.json()) as { models?: Record<string, ModelStatus> };
        if (!stopped) setHealth({ state: 'up', models: body.models ?? {}, checkedAt: new Date() });
      } catch (error) {
        const reason = error instanceof Error && error.name === 'TimeoutError' ? 'no answer within 5 s' : 'not reachable';
        if (!stopped) setHealth({ state: 'down', reason, checkedAt: new Date() });
      }
    }
    void check();
    const timer = setInterval(check, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [apiBaseUrl]);

  const missing = health.state === 'up' ? Object.keys(health.models).filter((name) => health.models[name] === 'not_installed') : [];
  const missingKey = missing.join(',');
  useEffect(() => {
    if (!missingKey) return;
    // /healthz only names statuses; the install commands come with the model list.
    fetch(`${apiBaseUrl}/v1/models`, { cache: 'no-store' })
      .then((response) => (response.ok ? (response.json() as Promise<{ models: ModelDescriptor[] }>) : undefined))
      .then((body) => body && setInstallCommands(Object.fromEntries(body.models.flatMap((model) => (model.installCommand ? [[model.name, model.installCommand]] : [])))))
      .catch(() => undefined);
  }, [apiBaseUrl, missingKey]);

  return (
    <div className="server-status" data-testid="server-status">
      <span className={`status-dot status-${health.state}`} aria-hidden="true" />
      <span role="status">
        <span className="sr-only">API server </span>
        <code className="server-url">{apiBaseUrl.replace(/^https?:\/\//, '')}</code>{' '}
        {health.state === 'checking' ? 'checking…' : health.state === 'up' ? 'online' : `offline (${health.reason})`}
      </span>
      {health.state === 'up' ? (
        <ul className="model-badges" aria-label="Installed models">
          {Object.entries(health.models).map(([name, status]) => (
            <li key={name} className={`model-badge model-badge-${status}`} title={status === 'ready' ? 'ready' : 'not installed'}>
              {status === 'ready' ? '✓' : '✗'} {name}
              {status === 'not_installed' ? (
                <>
                  {' '}
                  <span className="install-command">
                    — install: <code>{installCommands[name] ?? '…'}</code>
                  </span>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
