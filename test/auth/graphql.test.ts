import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { EXACT_X as X, EXACT_Y as y } from '../support/linear-fixture';
import { bearer, REFUSED_TOKENS, useAuthApi } from './auth-fixture';

// GraphQL with AUTH=required: the Authorization header over HTTP (SSE subscriptions too), connectionParams over graphql-ws.

const { api, tokens } = useAuthApi();

const PREDICT = 'mutation { predict(model: "sentiment", input: { text: "a wonderful day" }) { output { ... on SentimentOutput { label } } } }';
const TRAIN = 'mutation ($X: [[Float!]!]!, $y: [Float!]!) { train(model: "default", X: $X, y: $y) { r2 } }';
const MODELS = '{ models { name } }';
const STREAM = 'subscription ($session: ID!) { sentimentStream(session: $session) { __typename } }';
const PUSH = 'mutation ($session: ID!) { pushSentimentText(session: $session, text: "hello") }';

async function graphql(query: string, token?: string, variables: object = {}) {
  const response = await fetch(`${api().url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(token) },
    body: JSON.stringify({ query, variables }),
  });
  expect(response.status).toBe(200);
  return response.json();
}

const codesOf = (result: { errors?: Array<{ extensions: { code: string } }> }) => result.errors?.map((error) => error.extensions.code);

/** The first event of a sentimentStream subscription over SSE. */
async function firstSseEvent(token: string | undefined) {
  const abort = new AbortController();
  const response = await fetch(`${api().url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...bearer(token) },
    body: JSON.stringify({ query: STREAM, variables: { session: randomUUID() } }),
    signal: abort.signal,
  });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  while (!/^data: .+$/m.test(text)) text += (await reader.read()).value ?? '';
  abort.abort();
  return JSON.parse(/^data: (.+)$/m.exec(text)![1]!);
}

describe('GraphQL over HTTP', () => {
  it('keeps queries of models public', async () => {
    expect((await graphql(MODELS)).data.models.length).toBeGreaterThan(0);
  });

  it.each(REFUSED_TOKENS)('refuses %s with extensions.code unauthenticated on every call that predicts', async (_label, token) => {
    expect(codesOf(await graphql(PREDICT, token))).toEqual(['unauthenticated']);
    expect(codesOf(await graphql(TRAIN, token, { X, y }))).toEqual(['unauthenticated']);
    expect(codesOf(await graphql(PUSH, token, { session: 'any' }))).toEqual(['unauthenticated']);
    expect((await firstSseEvent(token)).errors[0].extensions.code).toBe('unauthenticated');
  });

  it('refuses a predictor training with extensions.code forbidden', async () => {
    expect(codesOf(await graphql(TRAIN, tokens().predictor, { X, y }))).toEqual(['forbidden']);
  });

  it('answers good tokens, SSE subscriptions included', async () => {
    expect((await graphql(TRAIN, tokens().trainer, { X, y })).data.train.r2).toBeCloseTo(1, 6);
    expect((await graphql(PREDICT, tokens().predictor)).data.predict.output.label).toBe('POSITIVE');
    expect((await firstSseEvent(tokens().predictor)).data.sentimentStream.__typename).toBe('SentimentStreamOpened');
  });
});

describe('GraphQL over WebSocket (graphql-ws)', () => {
  let client: Client | undefined;
  afterEach(async () => client?.dispose());

  const connect = (connectionParams: Record<string, string>) => {
    const closed = new Promise<{ code: number; reason: string }>((resolve) => {
      client = createClient({
        url: `${api().url.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams,
        retryAttempts: 0,
        lazy: false,
        on: { closed: (event) => resolve(event as { code: number; reason: string }) },
      });
    });
    return { client: client!, closed };
  };
  const run = (query: string, variables: Record<string, unknown> = {}) => client!.iterate({ query, variables }).next().then((step) => step.value);

  it.each(REFUSED_TOKENS)('refuses %s at connection_init with close code 4403 Forbidden', async (_label, token) => {
    const { closed } = connect(token === undefined ? {} : { authorization: `Bearer ${token}` });
    expect(await closed).toEqual(expect.objectContaining({ code: 4403, reason: 'Forbidden' }));
  });

  it('answers a good token in connectionParams.authorization, and refuses a missing scope per operation', async () => {
    connect({ authorization: `Bearer ${tokens().predictor}` });
    expect((await run(PREDICT))?.data?.predict).toEqual({ output: { label: 'POSITIVE' } });
    expect(codesOf((await run(TRAIN, { X, y })) as never)).toEqual(['forbidden']);
    const stream = client!.iterate({ query: STREAM, variables: { session: randomUUID() } });
    expect((await stream.next()).value?.data?.sentimentStream).toEqual({ __typename: 'SentimentStreamOpened' });
    await stream.return?.();
  });

  it('takes connectionParams.access_token too', async () => {
    connect({ access_token: tokens().trainer });
    expect((await run(TRAIN, { X, y }))?.data?.train).toMatchObject({ r2: expect.any(Number) });
  });
});
