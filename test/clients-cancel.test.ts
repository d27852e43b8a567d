import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createGraphqlClient } from '../lib/clients/graphql-client';
import { createGrpcClient } from '../lib/clients/grpc-client';
import type { ProtocolClient } from '../lib/clients/protocol-client';
import { createRestClient } from '../lib/clients/rest-client';
import { createSoapClient } from '../lib/clients/soap-client';
import { valueOf } from './support/outcomes';
import { useApi } from './support/use-api';

// The playground's Cancel: the clients over HTTP abort their request when the caller's signal fires.

const text = { kind: 'text', text: 'cancel me, please' } as const;

describe('predict with an AbortSignal', () => {
  const api = useApi();
  const clients = (url = api().url): ProtocolClient[] => [
    createRestClient(url),
    createSoapClient(url),
    createGraphqlClient(url),
    createGrpcClient(url, { format: 'grpc-web' }),
    createGrpcClient(url, { format: 'connect' }),
  ];

  it('rejects with the abort when the signal fires before the request went out, on every HTTP client', async () => {
    for (const client of clients()) {
      const controller = new AbortController();
      const call = client.predict('sentiment', text, { signal: controller.signal });
      controller.abort(new DOMException('Cancelled by the user', 'AbortError'));
      await expect(call, client.protocol).rejects.toThrow(/abort|cancel/i);
      client.close();
    }
  });

  it('aborts a request the server has and does not answer', async () => {
    let arrived = () => {};
    const silent = createServer(() => arrived());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      for (const client of clients(`http://127.0.0.1:${(silent.address() as AddressInfo).port}`)) {
        const controller = new AbortController();
        const reached = new Promise<void>((resolve) => (arrived = resolve));
        const call = client.predict('sentiment', text, { signal: controller.signal });
        await Promise.race([reached, call]);
        controller.abort(new DOMException('Cancelled by the user', 'AbortError'));
        const unanswered = sleep(2_000).then(() => 'still waiting after the abort');
        await expect(Promise.race([call, unanswered]), client.protocol).rejects.toThrow(/abort|cancel/i);
        client.close();
      }
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('answers as usual when the signal does not fire', async () => {
    for (const client of clients()) {
      const answer = valueOf(await client.predict('sentiment', text, { signal: new AbortController().signal }));
      expect(answer.output.kind).toBe('sentiment');
      client.close();
    }
  });
});
