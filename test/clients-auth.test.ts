import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { accessHintOf } from '../lib/clients/access-hint';
import { shortToken } from '../lib/clients/authorization-header';
import { credentials } from '../lib/clients/credentials';
import { createGraphqlClient } from '../lib/clients/graphql-client';
import { createGrpcClient } from '../lib/clients/grpc-client';
import { createMqttClient } from '../lib/clients/mqtt-client';
import type { CallOutcome, ProtocolClient, StreamEvent } from '../lib/clients/protocol-client';
import { createRestClient } from '../lib/clients/rest-client';
import { signIn } from '../lib/clients/sign-in';
import { createSoapClient } from '../lib/clients/soap-client';
import { STREAM_TRANSPORTS } from '../lib/clients/stream-transports';
import { createWebSocketClient } from '../lib/clients/websocket-client';
import { createUserStore } from '../server/core/auth/user-store';
import { valueOf } from './support/outcomes';
import { useApi } from './support/use-api';

// The six browser clients against a server with AUTH=required, signed in through the sign-in function and the page's
// shared credential store, as the playground uses them: refused without a token, answering with one.

const PASSWORD = 'correct horse';
const api = useApi({ env: { AUTH: 'required', JWT_SECRET: 'x'.repeat(32) } });

beforeAll(async () => {
  const users = createUserStore(api().dataDir);
  await users.put('ada', PASSWORD, ['predict', 'train']);
  await users.put('bob', PASSWORD, ['predict']);
});
afterEach(() => credentials.set(undefined));

const CLIENTS: Record<string, () => ProtocolClient> = {
  rest: () => createRestClient(api().url),
  graphql: () => createGraphqlClient(api().url),
  soap: () => createSoapClient(api().url),
  grpc: () => createGrpcClient(api().url),
  websocket: () => createWebSocketClient(api().url, { WebSocket, timeoutMs: 10_000 }),
  mqtt: () => createMqttClient(api().url, { timeoutMs: 10_000 }),
};
const OVER_HTTP = ['rest', 'graphql', 'soap', 'grpc'];

async function signInAs(username: string): Promise<string> {
  const result = await signIn(api().url, username, PASSWORD);
  if (result.kind !== 'signed-in') throw new Error(`sign-in as ${username}: ${JSON.stringify(result)}`);
  return result.credential.token;
}

const errorOf = <T,>(outcome: CallOutcome<T>) => (outcome.ok ? undefined : outcome.error);
const LOVELY = { kind: 'text', text: 'What a lovely, wonderful day' } as const;

describe('signIn', () => {
  it('puts the token a good password gets into the shared store, for every client', async () => {
    const before = Date.now();
    const result = await signIn(api().url, 'ada', PASSWORD);
    expect(result).toMatchObject({ kind: 'signed-in', credential: { username: 'ada', token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) } });
    expect(credentials.get()).toEqual(result.kind === 'signed-in' ? result.credential : undefined);
    expect(credentials.get()!.expiresAt).toBeGreaterThan(before + 60_000);
  });

  it("answers a wrong password with the server's words and leaves the store as it was", async () => {
    expect(await signIn(api().url, 'ada', 'not the password')).toEqual({ kind: 'failed', message: 'Wrong user name or password.' });
    expect(credentials.get()).toBeUndefined();
  });
});

describe.each(Object.keys(CLIENTS))('the %s client', (protocol) => {
  it('is refused as unauthenticated without a token, then predicts with the one signIn got', async () => {
    const client = CLIENTS[protocol]!();
    const refused = errorOf(await client.predict('sentiment', LOVELY));
    expect(refused).toMatchObject({ code: 'unauthenticated' });
    expect(accessHintOf(refused!)).toBe('Sign in to use this protocol.');

    // WebSocket and MQTT hold a connection opened without a token: the new token makes them open another.
    const token = await signInAs('ada');
    const outcome = await client.predict('sentiment', LOVELY);
    expect(valueOf(outcome).output).toMatchObject({ kind: 'sentiment', label: 'positive' });
    const shown = OVER_HTTP.includes(protocol) ? ['authorization', `Bearer ${shortToken(token)}`] : ['connected with', expect.stringContaining(shortToken(token))];
    expect(outcome.wire.request.headers).toContainEqual(shown);
    expect(JSON.stringify(outcome.wire)).not.toContain(token);
    client.close();
  });

  it('says which scope a signed-in account lacks', async () => {
    await signInAs('bob');
    const client = CLIENTS[protocol]!();
    const refused = errorOf(await client.train('default', { X: [[1], [2], [3]], y: [2, 4, 6] }));
    client.close();
    // MQTT 3.1.1 cannot refuse one publish: the broker drops the connection, and the client cannot say why.
    if (protocol === 'mqtt') return expect(refused).toMatchObject({ native: 'MQTT connection closed without a reply' });
    expect(refused).toMatchObject({ code: 'forbidden' });
    expect(accessHintOf(refused!)).toBe('Your account lacks the train scope.');
  });
});

describe.each(STREAM_TRANSPORTS.map((transport) => [transport.id, transport] as const))('the %s stream', (_id, transport) => {
  it('is refused without a token and scores texts once signed in, reconnecting with the token', async () => {
    const events: StreamEvent[] = [];
    const client = transport.connect({ apiBaseUrl: api().url }, { WebSocket });
    const session = client.openSession((event) => events.push(event));
    session.push('I love this');
    await expect.poll(() => events.find((event) => event.type === 'error')?.error.code, { timeout: 10_000 }).toBe('unauthenticated');

    await signInAs('ada');
    await new Promise((resolve) => setTimeout(resolve, 200)); // the old connection closing
    session.push('I love this so much');
    const scored = () => events.flatMap((event) => (event.type === 'update' ? [event.update.text] : []));
    await expect.poll(scored, { timeout: 15_000 }).toContain('I love this so much');
    session.close();
    client.close();
  });
});
