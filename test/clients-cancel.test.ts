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
  const clients = (): ProtocolClient[] => [
    createRestClient(api().url),
    createSoapClient(api().url),
    createGraphqlClient(api().url),
    createGrpcClient(api().url, { format: 'grpc-web' }),
    createGrpcClient(api().url, { format: 'connect' }),
  ];

  it('rejects with the abort when the signal fires while the call is under way, on every HTTP client', async () => {
    for (const client of clients()) {
      const controller = new AbortController();
      const call = client.predict('sentiment', text, { signal: controller.signal });
      controller.abort(new DOMException('Cancelled by the user', 'AbortError'));
      await expect(call, client.protocol).rejects.toThrow(/abort|cancel/i);
      client.close();
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
