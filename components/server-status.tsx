'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo, useRef } from 'react';
import { healthUrl } from '../lib/clients/api-reachability';
import { createRestClient } from '../lib/clients/rest-client';
import type { ModelDescriptor, ModelStatus } from '../lib/contract';
import { healthQueryKey, modelsQuery } from './use-models';

/** While the server answers: a dead server shows within about a second (a refused connection fails at once). */
const POLL_UP_MS = 1_000;
/** While it does not: 1 s, 2 s, 4 s, then every 5 s. A hidden tab does not poll at all; showing it again polls at once. */
const POLL_DOWN_MAX_MS = 5_000;
/** A busy server may take a moment; only this long without an answer counts as offline. */
const TIMEOUT_MS = 5000;

async function fetchHealth(apiBaseUrl: string): Promise<Record<string, ModelStatus>> {
  const response = await fetch(healthUrl(apiBaseUrl), { cache: 'no-store', signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return ((await response.json()) as { models?: Record<string, ModelStatus> }).models ?? {};
}

const installCommandsOf = (models: ModelDescriptor[]): Record<string, string> =>
  Object.fromEntries(models.flatMap((model) => (model.installCommand ? [[model.name, model.installCommand]] : [])));

/** Which server the page talks to, whether it answers (GET /healthz every second), and which models it has. */
export function ServerStatus({ apiBaseUrl }: { apiBaseUrl: string }) {
  const failuresInARow = useRef(0);
  const health = useQuery({
    queryKey: healthQueryKey(apiBaseUrl),
    queryFn: async () => {
      try {
        const models = await fetchHealth(apiBaseUrl);
        failuresInARow.current = 0;
        return models;
      } catch (error) {
        failuresInARow.current += 1;
        throw error;
      }
    },
    refetchInterval: () => (failuresInARow.current === 0 ? POLL_UP_MS : Math.min(POLL_DOWN_MAX_MS, POLL_UP_MS * 2 ** (failuresInARow.current - 1))),
    refetchOnWindowFocus: 'always',
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
