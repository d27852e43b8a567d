import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openGraphqlSentimentStream } from '../lib/clients/graphql-stream';
import type { StreamEvent } from '../lib/clients/protocol-client';
import { postJson } from './support/start-api';
import { useApi } from './support/use-api';
import { TYPED_SENTENCE as SENTENCE, TYPED_PREFIXES as PREFIXES } from './support/live-stream';

// The browser's GraphQL live-sentiment helper (graphql-ws createClient + fetch mutations) against the real server,
// in Node with the `ws` WebSocket class.


async function until<T>(find: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let found = find(); found === undefined; found = find()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return find()!;
}

function openStream(baseUrl: string) {
  const events: StreamEvent[] = [];
  const session = openGraphqlSentimentStream({ baseUrl, onEvent: (event) => events.push(event), webSocketImpl: WebSocket });
  const ofType = <T extends StreamEvent['type']>(type: T) => events.filter((event): event is Extract<StreamEvent, { type: T }> => event.type === type);
  return { session, events, ofType };
}

describe('openGraphqlSentimentStream against the API server', () => {
  const api = useApi();

  it('streams 20 rapid prefixes: sent events for each, updates in seq order naming their text, the last one the full sentence', async () => {
    const { session, events, ofType } = openStream(api().url);
    // Pushed at once, before the stream is even open: the helper holds them, then sends them in order.
    for (const text of PREFIXES) session.push(text);
    const last = await until(() => ofType('update').find((event) => event.update.seq === PREFIXES.length));
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(ofType('state').map((event) => event.state)).toEqual(['connecting', 'open']);
    expect(ofType('sent').map(({ seq, text }) => ({ seq, text }))).toEqual(PREFIXES.map((text, i) => ({ seq: i + 1, text })));
    expect(ofType('error')).toEqual([]);
    const updates = ofType('update').map((event) => event.update);
    const seqs = updates.map((update) => update.seq);
    seqs.slice(1).forEach((seq, i) => expect(seq).toBeGreaterThan(seqs[i]!));
    for (const update of updates) expect(update.text).toBe(PREFIXES[update.seq - 1]);
    expect(updates.length + updates.reduce((sum, update) => sum + update.skipped, 0)).toBe(PREFIXES.length);
    for (const event of ofType('update')) expect(event.latencyMs).toBeGreaterThan(0);
    expect(events.at(-1)).toBe(last);

    const plain = await postJson(`${api().url}/v1/models/sentiment/predict`, { text: SENTENCE });
    expect(last.update).toMatchObject({ text: SENTENCE, model: plain.json.model, output: plain.json.output });
    session.close();
    expect(ofType('state').at(-1)?.state).toBe('closed');
  });

  it('reports a text that cannot be scored as an error event for its seq, and goes on', async () => {
    const { session, ofType } = openStream(api().url);
    session.push('');
    session.push('what a lovely day');
    const error = await until(() => ofType('error')[0]);
    expect(error).toMatchObject({ seq: 1, error: { code: 'invalid_input', native: 'GraphQL error extensions.code=invalid_input' } });
    expect((await until(() => ofType('update')[0])).update).toMatchObject({ seq: 2, text: 'what a lovely day', output: { label: 'positive' } });
    session.close();
  });

  it('says "failed" when no server answers', async () => {
    const { ofType } = openStream('http://127.0.0.1:9');
    expect((await until(() => ofType('state').find((event) => event.state === 'failed'))).state).toBe('failed');
  });
});
