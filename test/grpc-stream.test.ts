import type { ClientDuplexStream, ServiceError } from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectLatestWinsUpdates, TYPED_SENTENCE as SENTENCE, TYPED_PREFIXES } from './support/live-stream';
import { grpcJsClients, unary, useGrpcJsClients } from './grpc-support';
import { startApi } from './support/start-api';
import { useApi } from './support/use-api';

// StreamSentiment, bidirectional over native gRPC, called by @grpc/grpc-js with the .proto files.

interface StreamEvent {
  event: 'update' | 'error';
  update?: any;
  error?: { seq: number; code: string; message: string };
}

/** A bidi call whose events can be awaited one at a time, and whose end (status) can be awaited. */
function openStream(clients: ReturnType<typeof grpcJsClients>) {
  const call = clients.inference.StreamSentiment!() as ClientDuplexStream<object, StreamEvent>;
  const events: StreamEvent[] = [];
  const waiting: Array<(event: StreamEvent) => void> = [];
  call.on('data', (event: StreamEvent) => (waiting.shift() ?? ((each) => events.push(each)))(event));
  const ended = new Promise<ServiceError | undefined>((resolve) => {
    call.on('error', (error: ServiceError) => resolve(error));
    call.on('end', () => resolve(undefined));
  });
  return {
    call,
    events,
    ended,
    next: () => new Promise<StreamEvent>((resolve) => (events.length > 0 ? resolve(events.shift()!) : waiting.push(resolve))),
  };
}

describe('StreamSentiment over native gRPC (bidi)', () => {
  const api = useApi();
  const clients = useGrpcJsClients(api);
  let plainPredict: any;
  beforeAll(async () => {
    plainPredict = (await unary(clients().inference, 'Predict', { model: 'sentiment', text: SENTENCE })).sentiment;
  });

  it('20 rapid prefixes: latest wins, in seq order, the last update scores the whole sentence, then the stream ends OK', async () => {
    const stream = openStream(clients());
    TYPED_PREFIXES.forEach((text, i) => stream.call.write({ seq: i + 1, text }));
    stream.call.end();
    expect(await stream.ended).toBeUndefined();
    expect(stream.events.filter((event) => event.event !== 'update')).toEqual([]);
    expectLatestWinsUpdates(TYPED_PREFIXES, stream.events.map((event) => event.update), plainPredict);
    expect(plainPredict.label).toBe('SENTIMENT_LABEL_POSITIVE');
  });

  it('numbers the texts 1, 2, 3 ... when the client sends no seq', async () => {
    const stream = openStream(clients());
    TYPED_PREFIXES.forEach((text) => stream.call.write({ text }));
    stream.call.end();
    expect(await stream.ended).toBeUndefined();
    expectLatestWinsUpdates(TYPED_PREFIXES, stream.events.map((event) => event.update), plainPredict);
  });

  it('an empty text or a seq that does not increase is an error event for that seq, and the stream goes on', async () => {
    const stream = openStream(clients());
    stream.call.write({ seq: 1, text: 'Good start.' });
    expect(await stream.next()).toMatchObject({ event: 'update', update: { seq: 1, text: 'Good start.' } });
    stream.call.write({ seq: 2, text: '' });
    expect(await stream.next()).toMatchObject({ event: 'error', error: { seq: 2, code: 'invalid_input' } });
    stream.call.write({ seq: 2, text: 'the same seq again' });
    const repeated = await stream.next();
    expect(repeated).toMatchObject({ event: 'error', error: { seq: 2, code: 'invalid_input' } });
    expect(repeated.error?.message).toMatch(/seq/);
    stream.call.write({ seq: 7, text: 'Still listening, lovely.' });
    expect(await stream.next()).toMatchObject({ event: 'update', update: { seq: 7, text: 'Still listening, lovely.', skipped: 0 } });
    stream.call.end();
    expect(await stream.ended).toBeUndefined();
  });

  it('an unknown model ends the stream with NOT_FOUND, changing the model with INVALID_ARGUMENT; the server keeps serving', async () => {
    const unknown = openStream(clients());
    unknown.call.write({ text: 'hello', model: 'nope' });
    const notFound = await unknown.ended;
    expect(notFound && status[notFound.code]).toBe('NOT_FOUND');
    expect(notFound?.metadata.get('modelwire-code')).toEqual(['not_found']);

    const changing = openStream(clients());
    changing.call.write({ text: 'hello' });
    changing.call.write({ text: 'hello again', model: 'default' });
    const invalid = await changing.ended;
    expect(invalid && status[invalid.code]).toBe('INVALID_ARGUMENT');
    expect(invalid?.details).toMatch(/model cannot change/);

    const still = openStream(clients());
    still.call.write({ text: 'Working fine.' });
    still.call.end();
    expect(await still.ended).toBeUndefined();
    expect(still.events).toMatchObject([{ event: 'update', update: { seq: 1, text: 'Working fine.' } }]);
  });

  it('a client that cancels mid-stream does not disturb the next one', async () => {
    const cancelled = openStream(clients());
    TYPED_PREFIXES.forEach((text) => cancelled.call.write({ text }));
    cancelled.call.cancel();
    expect((await cancelled.ended)?.code).toBe(status.CANCELLED);

    const next = openStream(clients());
    next.call.write({ text: SENTENCE });
    next.call.end();
    expect(await next.ended).toBeUndefined();
    expect(next.events[0]?.update.sentiment).toEqual(plainPredict);
  });
});

describe('stopping the native gRPC server', () => {
  it('ends the open StreamSentiment calls (OK) instead of waiting for them', async () => {
    const own = await startApi();
    const ownClients = grpcJsClients(own.grpcAddress);
    const stream = openStream(ownClients);
    stream.call.write({ text: 'Nice.' });
    expect(await stream.next()).toMatchObject({ event: 'update', update: { seq: 1 } });
    const started = performance.now();
    await own.close({ removeData: true });
    // Less than the 2 s the server grants a stream before it destroys the connection.
    expect(performance.now() - started).toBeLessThan(1500);
    expect(await stream.ended).toBeUndefined();
    ownClients.close();
  });
});
