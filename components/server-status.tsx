'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { createRestClient } from '../lib/clients/rest-client';
import type { ModelDescriptor, ModelStatus } from '../lib/contract';
import { healthQueryKey, modelsQuery } from './use-models';

const POLL_MS = 10_000;
const TIMEOUT_MS = 5000;

async function fetchHealth(apiBaseUrl: string): Promise<Record<string, ModelStatus>> {
  const response = await fetch(`${apiBaseUrl}/healthz`, { cache: 'no-store', signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return ((await response.json()) as { models?: Record<string, ModelStatus> }).models ?? {};
}

const installCommandsOf = (models: ModelDescriptor[]): Record<string, string> =>
  Object.fromEntries(models.flatMap((model) => (model.installCommand ? [[model.name, model.installCommand]] : [])));

/** Which server the page talks to, whether it answers (GET /healthz every 10 s), and which models it has. */
export function ServerStatus({ apiBaseUrl }: { apiBaseUrl: string }) {
  const health = useQuery({
    queryKey: healthQueryKey(apiBaseUrl),
    queryFn: () => fetchHealth(apiBaseUrl),
    refetchInterval: POLL_MS,
    // The poll is the retry: a server that does not answer shows as offline at once.
    retry: false,
  });
  const models = health.status === 'success' ? health.data : undefined;
  const missing = models ? Object.keys(models).filter((name) => models[name] === 'not_installed') : [];

  // /healthz only names statuses; the install commands come with the model list (the playground's query, asked over REST).
  const rest = useMemo(() => ({ rest: createRestClient(apiBaseUrl) }), [apiBaseUrl]);
  const { data: installCommands = {} } = useQuery({
    ...modelsQuery(apiBaseUrl, rest),
    enabled: missing.length > 0,
    select: installCommandsOf,
  });

  const reason = health.error instanceof Error && health.error.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : 'not reachable';
  const state = health.status === 'pending' ? 'checking' : health.status === 'success' ? 'up' : 'down';
  return (
    <div className="server-status" data-testid="server-status">
      <span className={`status-dot status-${state}`} aria-hidden="true" />
      <span role="status">
        <span className="sr-only">API server </span>
        <code className="server-url">{apiBaseUrl.replace(/^https?:\/\//, '')}</code>{' '}
        {state === 'checking' ? 'checking…' : state === 'up' ? 'online' : `offline (${reason})`}
      </span>
      {models ? (
        <ul className="model-badges" aria-label="Installed models">
          {Object.entries(models).map(([name, status]) => (
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
