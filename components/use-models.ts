'use client';

import { useQuery, type QueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { ProtocolClients } from '../lib/clients/create-clients';
import { PROTOCOLS } from '../lib/clients/protocol-client';
import type { ModelDescriptor } from '../lib/contract';
import { errorText } from './units';

export type ModelsState = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; models: ModelDescriptor[] };

/** The server's model list, shared by the header and the playground. */
export const modelsQueryKey = (apiBaseUrl: string) => ['models', apiBaseUrl] as const;
/** The header's GET /healthz poll, which names every model's status. */
export const healthQueryKey = (apiBaseUrl: string) => ['healthz', apiBaseUrl] as const;

/** After the server's set of models changed (a model was trained): everything that lists models asks again. */
export function invalidateModelQueries(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: ['models'] });
  void queryClient.invalidateQueries({ queryKey: ['healthz'] });
}

/** The server's models, asked through the first protocol client that answers (REST when it exists). */
async function listModelsThrough(clients: ProtocolClients): Promise<ModelDescriptor[]> {
  const problems: string[] = [];
  for (const protocol of PROTOCOLS) {
    const client = clients[protocol];
    if (!client) continue;
    try {
      return await client.listModels();
    } catch (error) {
      problems.push(`${protocol}: ${errorText(error)}`);
    }
  }
  throw new Error(problems.join('; ') || 'no protocol client is available');
}

/** The model-list query, for `useQuery`; it waits until there are clients to ask. */
export function modelsQuery(apiBaseUrl: string, clients: ProtocolClients | undefined) {
  return {
    queryKey: modelsQueryKey(apiBaseUrl),
    queryFn: () => listModelsThrough(clients ?? {}),
    enabled: clients !== undefined,
  };
}

/** The server's models. A list once loaded stays shown while it is fetched again, even if that refetch fails. */
export function useModels(apiBaseUrl: string, clients: ProtocolClients | undefined): { models: ModelsState; reload(): void } {
  const { data, error, isFetching, refetch } = useQuery(modelsQuery(apiBaseUrl, clients));
  const reload = useCallback(() => void refetch(), [refetch]);
  const models = useMemo<ModelsState>(
    () => (data ? { state: 'ready', models: data } : error && !isFetching ? { state: 'failed', message: errorText(error) } : { state: 'loading' }),
    [data, error, isFetching],
  );
  return { models, reload };
}
