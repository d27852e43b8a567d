'use client';

import { useCallback, useEffect, useState } from 'react';
import type { ProtocolClients } from '../lib/clients/create-clients';
import { PROTOCOLS } from '../lib/clients/protocol-client';
import type { ModelDescriptor } from '../lib/contract';
import { errorText } from './units';

export type ModelsState = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; models: ModelDescriptor[] };

/** The server's models, asked through the first protocol client that answers (REST when it exists). */
export function useModels(clients: ProtocolClients | undefined): { models: ModelsState; reload(): void } {
  const [models, setModels] = useState<ModelsState>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!clients) return;
    let current = true;
    setModels({ state: 'loading' });
    (async () => {
      const problems: string[] = [];
      for (const protocol of PROTOCOLS) {
        const client = clients[protocol];
        if (!client) continue;
        try {
          const list = await client.listModels();
          if (current) setModels({ state: 'ready', models: list });
          return;
        } catch (error) {
          problems.push(`${protocol}: ${errorText(error)}`);
        }
      }
      if (current) setModels({ state: 'failed', message: problems.join('; ') || 'no protocol client is available' });
    })();
    return () => {
      current = false;
    };
  }, [clients, attempt]);

  return { models, reload: useCallback(() => setAttempt((n) => n + 1), []) };
}
