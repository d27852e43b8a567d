import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRestClient } from '../../lib/clients/rest-client';
import { startApi, type RunningApi } from '../support/start-api';

// A backend that takes the connection and then says nothing (a hung server, a black-holing proxy): each call ends at
// INFERENCE_BACKEND_DEADLINE_MS as not_installed instead of waiting for ever.

describe.each(['grpc', 'http'] as const)('a front whose backend accepts connections and never answers (oip+%s)', (wire) => {
  const sockets = new Set<net.Socket>();
  const silent = net.createServer((socket) => sockets.add(socket));
  let front: RunningApi;

  beforeAll(async () => {
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    front = await startApi({ env: { INFERENCE_BACKEND: `oip+${wire}://127.0.0.1:${port}`, INFERENCE_BACKEND_DEADLINE_MS: '1000', CACHE_MAX_BYTES: '0' } });
  });

  afterAll(async () => {
    await front?.close({ removeData: true });
    sockets.forEach((socket) => socket.destroy());
    await new Promise((resolve) => silent.close(resolve));
  });

  it('answers a prediction with not_installed, naming the backend, and lists the models as not installed', async () => {
    const client = createRestClient(front.url);
    const outcome = await client.predict('sentiment', { kind: 'text', text: 'Still waiting.' });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error).toMatchObject({ code: 'not_installed', message: expect.stringContaining(`oip+${wire}://127.0.0.1:`) });
    const models = await client.listModels();
    expect(models.find((model) => model.name === 'sentiment')).toMatchObject({ status: 'not_installed', versions: [] });
    client.close();
  });
});
