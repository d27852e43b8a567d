import { afterEach, describe, expect, it } from 'vitest';
import { EXACT_X as X, EXACT_Y as y } from '../support/linear-fixture';
import { TestSocket, wsUrlOf } from '../websocket-client';
import { REFUSED_TOKENS, signToken, useAuthApi } from './auth-fixture';

// /ws with AUTH=required, through the ws client: a token at connect (?access_token= or the bearer subprotocol) or in a
// {"type":"auth"} message; refusals are {"type":"error"} messages, the connection stays open.

const { api, tokens } = useAuthApi();
const sockets: TestSocket[] = [];
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((socket) => socket.close()));
});

async function open(query = '', protocols?: string[]) {
  const socket = await TestSocket.open(`${wsUrlOf(api().url)}${query}`, undefined, protocols);
  sockets.push(socket);
  return socket;
}

const predict = (id: string) => ({ id, type: 'predict', model: 'sentiment', input: { text: 'a wonderful day' } });
const train = (id: string) => ({ id, type: 'train', model: 'default', X, y });

/** Every call that needs a scope, answered with an unauthenticated error carrying its id. */
async function expectRefused(socket: TestSocket) {
  for (const request of [predict('p'), train('t'), { id: 's', type: 'stream', text: 'hi', seq: 1 }]) {
    expect(await socket.request(request)).toMatchObject({ id: request.id, type: 'error', error: { code: 'unauthenticated', retryable: false } });
  }
  const since = socket.received.length;
  socket.send({ feature1: 1, feature2: 2 });
  expect(await socket.next((message) => message.type === 'error', { since })).toMatchObject({ error: { code: 'unauthenticated' } });
}

describe('/ws with AUTH=required', () => {
  it('answers listModels without a token, and refuses every call that predicts or trains', async () => {
    const socket = await open();
    expect(await socket.request({ id: 'm', type: 'listModels' })).toMatchObject({ type: 'result', models: expect.any(Array) });
    await expectRefused(socket);
    expect(socket.received.filter((message) => message.type === 'error' && message.id === undefined)).toHaveLength(1); // the seed message's
  });

  it.each(REFUSED_TOKENS.filter(([, token]) => token !== undefined))('says at once that %s given at connect is refused', async (_label, token) => {
    const socket = await open(`?access_token=${token}`);
    expect(await socket.next((message) => message.type === 'error')).toMatchObject({ type: 'error', error: { code: 'unauthenticated' } });
    await expectRefused(socket);
  });

  it.each(REFUSED_TOKENS)('refuses %s in an auth message, with its id', async (_label, token) => {
    const socket = await open();
    expect(await socket.request({ id: 'a', type: 'auth', token })).toMatchObject({ id: 'a', type: 'error', error: { code: token ? 'unauthenticated' : 'invalid_input' } });
    await expectRefused(socket);
  });

  it('takes ?access_token=, refusing a predictor training as forbidden', async () => {
    const socket = await open(`?access_token=${tokens().predictor}`);
    expect(await socket.request(predict('p'))).toMatchObject({ type: 'result', output: { label: 'positive' } });
    expect(await socket.request(train('t'))).toMatchObject({ type: 'error', error: { code: 'forbidden' } });
    expect(await socket.request({ id: 's', type: 'stream', text: 'I love it', seq: 1 }, (reply) => reply.type === 'update')).toMatchObject({ seq: 1 });
  });

  it('takes the token beside the bearer subprotocol, and answers with bearer selected', async () => {
    const socket = await open('', ['bearer', tokens().trainer]);
    expect(socket.ws.protocol).toBe('bearer');
    expect(await socket.request(train('t'))).toMatchObject({ type: 'result', r2: expect.any(Number) });
  });

  it('takes an auth message, without or with an id, and its token replaces the one before', async () => {
    const socket = await open(`?access_token=${tokens().predictor}`);
    socket.send({ type: 'auth', token: tokens().trainer });
    expect(await socket.request(train('t'))).toMatchObject({ type: 'result' });
    const reply = await socket.request({ id: 'a', type: 'auth', token: tokens().predictor });
    expect(reply).toEqual({ id: 'a', type: 'authenticated', user: 'predictor', scopes: ['predict'], expiresAt: expect.any(Number) });
    expect(await socket.request(train('t2'))).toMatchObject({ type: 'error', error: { code: 'forbidden' } });
  });

  it('stops answering once the connection\'s token expires', async () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 2;
    const socket = await open(`?access_token=${await signToken({ expiresAt, user: 'predictor', scope: 'predict' })}`);
    expect(await socket.request(predict('before'))).toMatchObject({ type: 'result' });
    await new Promise((resolve) => setTimeout(resolve, expiresAt * 1000 - Date.now() + 50));
    expect(await socket.request(predict('after'))).toMatchObject({ type: 'error', error: { code: 'unauthenticated', message: expect.stringContaining('expired') } });
  });
});
