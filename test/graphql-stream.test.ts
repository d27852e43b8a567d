import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningApi } from './support/start-api';
import { useApi } from './support/use-api';
import { TYPED_SENTENCE as SENTENCE, TYPED_PREFIXES as PREFIXES } from './support/live-stream';

// Live sentiment over GraphQL: sentimentStream subscriptions through a real graphql-ws client (WebSocket) and through
// plain fetch reading text/event-stream (SSE, as yoga serves it); texts pushed by the pushSentimentText mutation.


const SENTIMENT_STREAM = /* GraphQL */ `subscription ($session: ID!, $model: String) {
  sentimentStream(session: $session, model: $model) {
    __typename
    ... on SentimentStreamOpened { session }
    ... on SentimentUpdate { seq text skipped model { name version } sentiment { label score probability } timing { serverMs inferenceMs } }
    ... on SentimentStreamError { seq code message }
  }
}`;
const PUSH = 'mutation ($session: ID!, $seq: Int, $text: String!) { pushSentimentText(session: $session, seq: $seq, text: $text) }';
const PREDICT = 'mutation ($text: String!) { predict(model: "sentiment", input: { text: $text }) { output { ... on SentimentOutput { label score probability } } } }';

/** Everything a subscription delivered, in order, with a way to wait for what has not arrived yet. */
class Received {
  readonly results: any[] = [];
  private waiters: Array<() => void> = [];
  add(result: any) {
    this.results.push(result);
    for (const wake of this.waiters.splice(0)) wake();
  }
  get events() {
    return this.results.filter((result) => result.data).map((result) => result.data.sentimentStream);
  }
  async until<T>(find: () => T | undefined, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (let found = find(); ; found = find()) {
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out; received ${JSON.stringify(this.results)}`);
      await new Promise<void>((wake) => {
        this.waiters.push(wake);
        setTimeout(wake, 200);
      });
    }
  }
  event = (typename: string, seq?: number) => this.until(() => this.events.find((e) => e.__typename === typename && (seq === undefined || e.seq === seq)));
}

interface Subscription {
  received: Received;
  close(): void;
}

function subscribeOverWs(client: Client, variables: Record<string, unknown>): Subscription {
  const received = new Received();
  const dispose = client.subscribe(
    { query: SENTIMENT_STREAM, variables },
    { next: (result) => received.add(result), error: (error) => received.add({ error }), complete: () => received.add({ complete: true }) },
  );
  return { received, close: dispose };
}

/** SSE as a plain fetch reads it: `event: next` / `data: {json}` blocks, then `event: complete`. */
function subscribeOverSse(api: RunningApi, variables: Record<string, unknown>, method: 'POST' | 'GET' = 'POST'): Subscription {
  const received = new Received();
  const abort = new AbortController();
  const url = new URL(`${api.url}/graphql`);
  if (method === 'GET') {
    url.searchParams.set('query', SENTIMENT_STREAM);
    url.searchParams.set('variables', JSON.stringify(variables));
  }
  const body = method === 'POST' ? JSON.stringify({ query: SENTIMENT_STREAM, variables }) : undefined;
  const headers = { accept: 'text/event-stream', ...(body ? { 'content-type': 'application/json' } : {}) };
  void (async () => {
    const response = await fetch(url, { method, headers, body, signal: abort.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      buffer += chunk.value;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.startsWith('event: complete')) received.add({ complete: true });
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (block.startsWith('event: next') && data) received.add(JSON.parse(data));
      }
    }
  })().catch((error) => abort.signal.aborted || received.add({ error }));
  return { received, close: () => abort.abort() };
}

describe('GraphQL live sentiment: sentimentStream + pushSentimentText', () => {
  const api = useApi();
  let client: Client;
  beforeAll(() => {
    client = createClient({ url: `${api().url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
  });
  afterAll(() => client?.dispose());

  async function graphql(query: string, variables: Record<string, unknown>) {
    const response = await fetch(`${api().url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    expect(response.status).toBe(200);
    return (await response.json()) as { data: any; errors?: any[] };
  }
  const push = (session: string, text: string, seq?: number) => graphql(PUSH, { session, text, seq });
  /** Pushes texts seq firstSeq, firstSeq + 1, ... in one request: mutation fields run one after the other, in order. */
  async function pushBurst(session: string, texts: string[], firstSeq: number) {
    const variables = texts.map((_, i) => `$t${i}: String!`).join(', ');
    const fields = texts.map((_, i) => `p${i}: pushSentimentText(session: $session, seq: ${firstSeq + i}, text: $t${i})`).join('\n');
    const answer = await graphql(`mutation ($session: ID!, ${variables}) { ${fields} }`, { session, ...Object.fromEntries(texts.map((text, i) => [`t${i}`, text])) });
    expect(answer.errors).toBeUndefined();
    expect(Object.values(answer.data)).toEqual(texts.map((_, i) => firstSeq + i));
  }

  const transports = {
    'graphql-ws': (variables: Record<string, unknown>) => subscribeOverWs(client, variables),
    'SSE (POST)': (variables: Record<string, unknown>) => subscribeOverSse(api(), variables),
    'SSE (GET, as EventSource)': (variables: Record<string, unknown>) => subscribeOverSse(api(), variables, 'GET'),
  };

  for (const [transport, subscribe] of Object.entries(transports)) {
    it(`${transport}: 20 rapid prefixes, latest wins, in seq order, each update naming its text, the last one the full sentence`, async () => {
      const session = randomUUID();
      const { received, close } = subscribe({ session });
      expect(await received.event('SentimentStreamOpened')).toEqual({ __typename: 'SentimentStreamOpened', session });
      // Two requests of 10 pushes each (requests sent at once could overtake each other), never waiting for updates.
      await pushBurst(session, PREFIXES.slice(0, 10), 1);
      await pushBurst(session, PREFIXES.slice(10), 11);
      const last = await received.event('SentimentUpdate', PREFIXES.length);
      await new Promise((resolve) => setTimeout(resolve, 300)); // an update answered out of order would arrive after the last

      const updates = received.events.filter((event) => event.__typename !== 'SentimentStreamOpened');
      expect(updates.every((event) => event.__typename === 'SentimentUpdate')).toBe(true);
      const seqs = updates.map((update) => update.seq);
      seqs.slice(1).forEach((seq, i) => expect(seq).toBeGreaterThan(seqs[i]));
      for (const update of updates) expect(update.text).toBe(PREFIXES[update.seq - 1]);
      const skipped = updates.reduce((sum, update) => sum + update.skipped, 0);
      expect(updates.length + skipped).toBe(PREFIXES.length);
      expect(skipped).toBeGreaterThan(0); // the pushes outran the model: stale texts were dropped, not queued
      expect(updates.at(-1)).toBe(last);
      console.info(`${transport}: ${updates.length} updates for 20 pushes (seqs ${seqs.join(',')})`);

      const plain = await graphql(PREDICT, { text: SENTENCE });
      expect(last).toMatchObject({ text: SENTENCE, model: { name: 'sentiment', version: 1 }, sentiment: plain.data.predict.output });
      expect(last.sentiment.label).toBe('POSITIVE');
      expect(last.timing.serverMs).toBeGreaterThanOrEqual(last.timing.inferenceMs);
      close();
    });
  }

  for (const [transport, subscribe] of Object.entries(transports).slice(0, 2)) {
    it(`${transport}: an empty text or a backwards seq → SentimentStreamError for that seq; the stream goes on`, async () => {
      const session = randomUUID();
      const { received, close } = subscribe({ session });
      await received.event('SentimentStreamOpened');
      expect((await push(session, 'good')).data.pushSentimentText).toBe(1);
      expect(await received.event('SentimentUpdate', 1)).toMatchObject({ text: 'good' });
      expect((await push(session, '')).data.pushSentimentText).toBe(2);
      expect(await received.event('SentimentStreamError', 2)).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/\w{4,}/) });
      await push(session, 'a seq going backwards', 1);
      expect(await received.event('SentimentStreamError', 1)).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/seq/) });
      expect((await push(session, 'terrible and awful')).data.pushSentimentText).toBe(3);
      expect(await received.event('SentimentUpdate', 3)).toMatchObject({ text: 'terrible and awful', sentiment: { label: 'NEGATIVE' } });
      close();
    });

    it(`${transport}: the session ends with the subscription, and pushes to it are then not_found`, async () => {
      const session = randomUUID();
      const { received, close } = subscribe({ session });
      await received.event('SentimentStreamOpened');
      close();
      let answer = await push(session, 'anyone there?');
      for (let tries = 0; answer.errors === undefined && tries < 50; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        answer = await push(session, 'anyone there?');
      }
      expect(answer.errors?.[0].extensions.code).toBe('not_found');
    });
  }

  it('a push to an unknown session → not_found, and the server keeps serving', async () => {
    const answer = await push('no-such-session', 'hello');
    expect(answer.data).toBeNull();
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors![0]).toMatchObject({ path: ['pushSentimentText'], extensions: { code: 'not_found' }, message: expect.stringContaining('subscribe first') });
    expect((await graphql(PREDICT, { text: 'Still working, and it is great.' })).data.predict.output.label).toBe('POSITIVE');
  });

  it('refuses a subscription on an unknown or non-sentiment model, or on a session already in use, with contract codes', async () => {
    const unknown = subscribeOverWs(client, { session: randomUUID(), model: 'no-such-model' });
    expect(await unknown.received.until(() => unknown.received.results.find((result) => result.errors))).toMatchObject({ errors: [{ extensions: { code: 'not_found' } }] });
    const image = subscribeOverSse(api(), { session: randomUUID(), model: 'mobilenetv2' });
    expect(await image.received.until(() => image.received.results.find((result) => result.errors))).toMatchObject({ errors: [{ extensions: { code: 'invalid_input' } }] });
    image.close();

    const session = randomUUID();
    const first = subscribeOverWs(client, { session });
    await first.received.event('SentimentStreamOpened');
    const second = subscribeOverSse(api(), { session });
    expect(await second.received.until(() => second.received.results.find((result) => result.errors))).toMatchObject({ errors: [{ extensions: { code: 'invalid_input' } }] });
    second.close();
    expect((await push(session, 'still mine')).data.pushSentimentText).toBe(1);
    expect(await first.received.event('SentimentUpdate', 1)).toMatchObject({ text: 'still mine' });
    first.close();
  });

  it('over graphql-ws, mutations run on the same socket: pushes too, and predict', async () => {
    const once = (query: string, variables?: Record<string, unknown>) =>
      new Promise<any>((resolve, reject) => client.subscribe({ query, variables }, { next: resolve, error: reject, complete: () => {} }));
    const session = randomUUID();
    const { received, close } = subscribeOverWs(client, { session });
    await received.event('SentimentStreamOpened');
    expect(await once(PUSH, { session, text: 'What a great phone' })).toEqual({ data: { pushSentimentText: 1 } });
    expect(await received.event('SentimentUpdate', 1)).toMatchObject({ text: 'What a great phone', sentiment: { label: 'POSITIVE' } });
    const predicted = await once(PREDICT, { text: 'What a great phone' });
    expect(predicted.data.predict.output).toEqual((await received.event('SentimentUpdate', 1)).sentiment);
    close();
  });

  it('over graphql-ws, a document over the depth limit or with a syntax error is an error message with a contract code; the socket stays usable', async () => {
    const tooDeep = '{ __schema { types { fields { type { fields { type { fields { type { name } } } } } } } } }';
    const errorsOf = (query: string) =>
      new Promise<any[]>((resolve, reject) => client.subscribe({ query }, { next: reject, error: (errors) => resolve(errors as any[]), complete: () => {} }));
    expect((await errorsOf(tooDeep))[0]).toMatchObject({ extensions: { code: 'invalid_input' }, message: expect.stringMatching(/depth/i) });
    expect((await errorsOf('subscription { sentimentStream('))[0]).toMatchObject({ extensions: { code: 'invalid_input' }, message: expect.stringMatching(/syntax/i) });
    const models = await new Promise<any>((resolve, reject) => client.subscribe({ query: '{ models { name } }' }, { next: resolve, error: reject, complete: () => {} }));
    expect(models.data.models).toContainEqual({ name: 'sentiment' });
  });
});
