import { randomUUID } from 'node:crypto';
import { Code, ConnectError, createClient, type Client, type Transport } from '@connectrpc/connect';
import { createConnectTransport, createGrpcWebTransport } from '@connectrpc/connect-web';
import { describe, expect, it } from 'vitest';
import { InferenceService, SentimentLabel, type WatchSentimentResponse } from '../lib/gen/modelwire/v1/inference_pb';
import { expectLatestWinsUpdates, TYPED_SENTENCE as SENTENCE, TYPED_PREFIXES, type ReceivedUpdate } from './support/live-stream';
import { startApi } from './support/start-api';
import { useApi } from './support/use-api';

// The browser's live stream on the API port: server-streaming WatchSentiment + unary PushSentimentText, with connect-web.

const api = useApi();

type Event = WatchSentimentResponse['event'];

/** Opens a watch and reads its events one at a time; stop() cancels it as a closing browser tab would. */
async function watch(client: Client<typeof InferenceService>, sessionId = randomUUID()) {
  const abort = new AbortController();
  const events = client.watchSentiment({ sessionId }, { signal: abort.signal })[Symbol.asyncIterator]();
  const next = async (): Promise<Event> => {
    const result = await events.next();
    if (result.done) throw new Error('the watch ended');
    return result.value.event;
  };
  const opened = await next();
  return { sessionId, opened, next, stop: () => abort.abort() };
}

const received = (event: Event): ReceivedUpdate => {
  if (event.case !== 'update') throw new Error(`expected an update, got ${event.case}: ${JSON.stringify(event.value)}`);
  const { seq, text, skipped, sentiment } = event.value;
  return { seq, text, skipped, sentiment: { label: sentiment!.label, score: sentiment!.score, probability: sentiment!.probability } };
};

async function expectCode(call: Promise<unknown>, code: Code, contractCode: string) {
  const error = await call.then(() => undefined, (failure: unknown) => ConnectError.from(failure));
  expect(error && Code[error.code]).toBe(Code[code]);
  expect(error?.metadata.get('modelwire-code')).toBe(contractCode);
}

const transports: Record<string, () => Transport> = {
  'gRPC-Web': () => createGrpcWebTransport({ baseUrl: api().url }),
  'Connect JSON': () => createConnectTransport({ baseUrl: api().url }),
};

for (const [label, transport] of Object.entries(transports)) {
  describe(`WatchSentiment + PushSentimentText over ${label}`, () => {
    const client = () => createClient(InferenceService, transport());

    it('20 prefixes pushed as fast as they are accepted: latest wins, in order, the last update scores the whole sentence', async () => {
      const plain = await client().predict({ model: 'sentiment', input: { case: 'text', value: SENTENCE } });
      if (plain.output.case !== 'sentiment') throw new Error('not a sentiment answer');
      const session = await watch(client());
      expect(session.opened).toMatchObject({ case: 'opened', value: { sessionId: session.sessionId, model: 'sentiment' } });

      // One push after the other: HTTP/1.1 requests sent at once may arrive out of order, and seq must increase.
      for (const [i, text] of TYPED_PREFIXES.entries()) expect((await client().pushSentimentText({ sessionId: session.sessionId, seq: i + 1, text })).seq).toBe(i + 1);
      const updates: ReceivedUpdate[] = [];
      while (updates.at(-1)?.seq !== TYPED_PREFIXES.length) updates.push(received(await session.next()));
      session.stop();

      const { label: plainLabel, score, probability } = plain.output.value;
      expectLatestWinsUpdates(TYPED_PREFIXES, updates, { label: plainLabel, score, probability });
      expect(SentimentLabel[plainLabel]).toBe('POSITIVE');
    });

    it('an empty text is an error event for its seq; the watch stays open and the next push is answered', async () => {
      const session = await watch(client());
      const push = (text: string) => client().pushSentimentText({ sessionId: session.sessionId, text });
      expect((await push('')).seq).toBe(1);
      expect(await session.next()).toMatchObject({ case: 'error', value: { seq: 1, code: 'invalid_input' } });
      expect((await push('Lovely, thank you.')).seq).toBe(2);
      expect(received(await session.next())).toMatchObject({ seq: 2, text: 'Lovely, thank you.', skipped: 0 });
      session.stop();
    });

    it('an unknown session is NOT_FOUND, a session watched twice INVALID_ARGUMENT, and a stopped watch ends its session', async () => {
      await expectCode(client().pushSentimentText({ sessionId: randomUUID(), text: 'anyone there?' }), Code.NotFound, 'not_found');
      await expectCode(client().pushSentimentText({ sessionId: '', text: 'x' }), Code.InvalidArgument, 'invalid_input');
      const session = await watch(client());
      await expectCode(watch(client(), session.sessionId), Code.InvalidArgument, 'invalid_input');
      session.stop();
      // The server learns of the cancelled watch when its connection closes.
      await expect.poll(() => client().pushSentimentText({ sessionId: session.sessionId, text: 'late' }).then(() => 'open', (error) => ConnectError.from(error).code)).toBe(Code.NotFound);
      const next = await watch(client());
      await client().pushSentimentText({ sessionId: next.sessionId, text: 'Still serving, great.' });
      expect(received(await next.next())).toMatchObject({ seq: 1, text: 'Still serving, great.' });
      next.stop();
    });

    it('an unknown model ends the watch with NOT_FOUND', async () => {
      const events = client().watchSentiment({ sessionId: randomUUID(), model: 'nope' });
      await expectCode((async () => { for await (const _ of events); })(), Code.NotFound, 'not_found');
    });
  });
}

describe('stopping the API server', () => {
  it('ends the open watches (OK) instead of waiting for them', async () => {
    const own = await startApi();
    const session = await watch(createClient(InferenceService, createGrpcWebTransport({ baseUrl: own.url })));
    const started = performance.now();
    const ending = session.next().then(() => 'another event', (error: Error) => error.message);
    await own.close({ removeData: true });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(await ending).toBe('the watch ended');
  });
});
