import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiUnreachableError, apiAnswers, explainNoAnswer, reportingUnreachable } from './api-reachability';
import { CLIENT_FACTORIES } from './create-clients';
import { createRestClient } from './rest-client';

// A port nothing listens on: the listener is opened and closed again, so the port was free a moment ago.
async function deadBaseUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe('api reachability', () => {
  let alive: Server;
  let aliveUrl = '';
  let deadUrl = '';
  beforeAll(async () => {
    // Answers /healthz, and drops every other request without an answer (a transport failure on a live server).
    alive = createServer((request, response) => (request.url === '/healthz' ? response.end('{"status":"ok"}') : request.socket.destroy()));
    await new Promise<void>((resolve) => alive.listen(0, '127.0.0.1', resolve));
    aliveUrl = `http://127.0.0.1:${(alive.address() as AddressInfo).port}`;
    deadUrl = await deadBaseUrl();
  });
  afterAll(() => new Promise((resolve) => alive.close(resolve)));

  it('tells a server that answers its health check from one that is not there', async () => {
    expect(await apiAnswers(aliveUrl)).toBe(true);
    expect(await apiAnswers(deadUrl)).toBe(false);
  });

  it('words a call to a dead server as "API unreachable at <url>", keeping the transport error as its cause', async () => {
    const cause = new TypeError('fetch failed');
    const explained = await explainNoAnswer(deadUrl, cause);
    expect(explained).toBeInstanceOf(ApiUnreachableError);
    expect((explained as Error).message).toBe(`API unreachable at ${deadUrl}`);
    expect((explained as Error).cause).toBe(cause);
  });

  it('leaves a failure on a server that answers as it was', async () => {
    const cause = new TypeError('fetch failed');
    expect(await explainNoAnswer(aliveUrl, cause)).toBe(cause);
  });

  it('wraps a real client: its predict against a dead server throws ApiUnreachableError', async () => {
    const client = reportingUnreachable(createRestClient(deadUrl), deadUrl);
    await expect(client.predict('sentiment', { kind: 'text', text: 'fine' })).rejects.toThrow(`API unreachable at ${deadUrl}`);
    await expect(client.listModels()).rejects.toBeInstanceOf(ApiUnreachableError);
    expect(client.protocol).toBe('rest');
  });

  it('is how every registered client is made: GraphQL and SOAP say it too', async () => {
    for (const protocol of ['graphql', 'soap'] as const) {
      const client = CLIENT_FACTORIES[protocol]!({ apiBaseUrl: deadUrl });
      await expect(client.predict('sentiment', { kind: 'text', text: 'fine' }), protocol).rejects.toThrow(`API unreachable at ${deadUrl}`);
    }
  });

  it('does not blame the server when it answers its health check', async () => {
    const client = reportingUnreachable(createRestClient(aliveUrl), aliveUrl);
    const failure = await client.predict('sentiment', { kind: 'text', text: 'fine' }).catch((error: unknown) => error);
    expect(failure).not.toBeInstanceOf(ApiUnreachableError);
    expect(failure).toBeInstanceOf(Error);
  });
});
