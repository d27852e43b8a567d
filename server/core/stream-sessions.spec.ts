import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PredictionResult, SentimentStreamUpdate } from '../../lib/contract';
import { ModelWireError, invalidInput } from '../../lib/model-wire-error';
import { createSentimentStream, type SentimentStreamHandlers } from './sentiment-stream';
import type { StreamSessionEvent } from './stream-session';
import { createStreamSessions, type StreamSessionLimits } from './stream-sessions';

/** Core streams driven by hand: the test plays the model through each stream's handlers. */
function fakeStreams() {
  const opened: Array<{ handlers: SentimentStreamHandlers; model: string; pushed: Array<[string, number | undefined]>; closed: boolean }> = [];
  const openStream = (handlers: SentimentStreamHandlers, { model }: { model: string }) => {
    if (model === 'nope') throw new ModelWireError('not_found', 'no model "nope"');
    let lastSeq = 0;
    const stream = { handlers, model, pushed: [] as Array<[string, number | undefined]>, closed: false };
    opened.push(stream);
    return { push: (text: string, seq?: number) => (stream.pushed.push([text, seq]), (lastSeq = seq ?? lastSeq + 1)), close: () => void (stream.closed = true) };
  };
  return { opened, openStream };
}

function setUp(limits: Partial<StreamSessionLimits> = {}) {
  const { opened, openStream } = fakeStreams();
  const logger = { error: vi.fn() };
  return { opened, logger, streams: createStreamSessions(openStream, { limits, logger }) };
}

const update = (seq: number, text: string): SentimentStreamUpdate => ({
  seq,
  text,
  skipped: 0,
  model: { name: 'sentiment', version: 1 },
  output: { kind: 'sentiment', label: 'positive', score: 0.9, probability: 0.95 },
  timing: { serverMs: 2, inferenceMs: 1, preprocessMs: 0.5 },
});

async function readAll(events: AsyncIterable<StreamSessionEvent>) {
  const seen: string[] = [];
  for await (const event of events) seen.push(event.kind === 'update' ? `update ${event.update.seq}` : event.kind === 'error' ? `error ${event.seq} ${event.error.code}` : 'opened');
  return seen;
}

const overloaded = (limit: string, max: number) => expect.objectContaining({ code: 'overloaded', details: { limit, max } });

describe('stream sessions', () => {
  afterEach(() => vi.useRealTimers());

  it('opens one core stream per session on the model asked for ("sentiment" by default), announced by an opened event', async () => {
    const { streams, opened } = setUp({ idleMs: 1234 });
    const typist = streams.open({ owner: 'conn-1', id: 'typing' });
    const other = streams.open({ owner: 'conn-1', model: 'my-sentiment' });
    expect(opened.map((stream) => stream.model)).toEqual(['sentiment', 'my-sentiment']);
    expect(typeof other.id).toBe('string');
    expect(await typist.events.next()).toEqual({ done: false, value: { kind: 'opened', id: 'typing', model: 'sentiment', idleMs: 1234 } });

    expect(typist.push('I love', 4)).toBe(4);
    expect(opened[0]!.pushed).toEqual([['I love', 4]]);
    opened[0]!.handlers.onUpdate(update(4, 'I love'));
    opened[0]!.handlers.onError(5, invalidInput('text is empty'));
    expect((await typist.events.next()).value).toMatchObject({ kind: 'update', update: { seq: 4, text: 'I love' } });
    expect((await typist.events.next()).value).toMatchObject({ kind: 'error', seq: 5, error: { code: 'invalid_input' } });
  });

  it('keeps a session\'s model: a push naming another is refused; an unknown model opens nothing', () => {
    const { streams } = setUp({ maxSessions: 1 });
    expect(() => streams.open({ owner: 'a', model: 'nope' })).toThrow(expect.objectContaining({ code: 'not_found' }));
    const session = streams.open({ owner: 'a', id: 1, model: 'my-sentiment' });
    expect(session.push('same', undefined, 'my-sentiment')).toBe(1);
    expect(() => session.push('other', undefined, 'sentiment')).toThrow(expect.objectContaining({ code: 'invalid_input', message: expect.stringMatching(/model cannot change/) }));
  });

  it('limits sessions in all and per owner, and frees the room when one closes', () => {
    const { streams } = setUp({ maxSessions: 3, maxPerOwner: 2 });
    const first = streams.open({ owner: 'a' });
    streams.open({ owner: 'a' });
    expect(() => streams.open({ owner: 'a' })).toThrow(overloaded('streams', 2));
    streams.open({ owner: 'b' });
    expect(() => streams.open({ owner: 'c' })).toThrow(overloaded('sessions', 3));
    first.close();
    expect(() => streams.open({ owner: 'a' })).not.toThrow();
  });

  it('refuses a bad id or one its owner already uses; an owner finds only its own sessions', () => {
    const { streams } = setUp();
    expect(() => streams.open({ owner: 'a', id: '' })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => streams.open({ owner: 'a', id: 'x'.repeat(129) })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => streams.open({ owner: 'a', id: 1.5 })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    const mine = streams.open({ owner: 'a', id: 's' });
    expect(() => streams.open({ owner: 'a', id: 's' })).toThrow(expect.objectContaining({ code: 'invalid_input', message: expect.stringContaining('already') }));
    const theirs = streams.open({ owner: 'b', id: 's' });
    expect(streams.find('a', 's')).toBe(mine);
    expect(streams.find('b', 's')).toBe(theirs);
    expect(streams.find('c', 's')).toBeUndefined();
    expect(streams.find('a', 1)).toBeUndefined();
    expect(() => streams.find('a', '')).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  it('closes a session that gets no text for idleMs; each push restarts the clock', async () => {
    vi.useFakeTimers();
    const { streams, opened } = setUp({ idleMs: 1000 });
    const quiet = streams.open({ owner: 'a', id: 'quiet' });
    const typing = streams.open({ owner: 'a', id: 'typing' });
    vi.advanceTimersByTime(900);
    typing.push('still here');
    vi.advanceTimersByTime(200);
    expect(quiet.closeReason).toBe('idle');
    expect(opened[0]!.closed).toBe(true);
    expect(streams.find('a', 'quiet')).toBeUndefined();
    expect(typing.closeReason).toBeUndefined();
    vi.advanceTimersByTime(800);
    expect(typing.closeReason).toBe('idle');
    expect(await readAll(quiet.events)).toEqual(['opened']);
  });

  it('refuses pushes while the reader leaves maxBacklog events unread', async () => {
    const { streams, opened } = setUp({ maxBacklog: 3 });
    const slow = streams.open({ owner: 'a' });
    slow.push('one');
    opened[0]!.handlers.onUpdate(update(1, 'one'));
    slow.push('two');
    opened[0]!.handlers.onUpdate(update(2, 'two'));
    // opened + 2 updates unread
    expect(() => slow.push('three')).toThrow(overloaded('backlog', 3));
    await slow.events.next();
    expect(slow.push('three')).toBe(3);
  });

  it('ends the session when its reader returns the events, even while waiting; pushes then find it gone', async () => {
    const { streams, opened } = setUp();
    const session = streams.open({ owner: 'a', id: 's' });
    await session.events.next();
    const waiting = session.events.next();
    await session.events.return!();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(session.closeReason).toBe('client');
    expect(opened[0]!.closed).toBe(true);
    expect(() => session.push('late')).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(streams.find('a', 's')).toBeUndefined();
    expect(() => streams.open({ owner: 'a', id: 's' })).not.toThrow();
  });

  it('drops what is answered after close, so the end always comes last', async () => {
    const { streams, opened } = setUp();
    const session = streams.open({ owner: 'a' });
    session.push('one');
    session.close();
    opened[0]!.handlers.onUpdate(update(1, 'one'));
    expect(await readAll(session.events)).toEqual(['opened']);
  });

  it('closeAll ends every session (reason "shutdown") after its reader has read what was sent', async () => {
    const { streams, opened } = setUp();
    const a = streams.open({ owner: 'a' });
    const b = streams.open({ owner: 'b' });
    a.push('bye');
    opened[0]!.handlers.onUpdate(update(1, 'bye'));
    streams.closeAll();
    expect([a.closeReason, b.closeReason]).toEqual(['shutdown', 'shutdown']);
    expect(opened.every((stream) => stream.closed)).toBe(true);
    expect(await readAll(a.events)).toEqual(['opened', 'update 1']);
    expect(() => streams.open({ owner: 'a' })).not.toThrow();
  });

  it('closes a session when its signal aborts (its call, connection or listener ended)', () => {
    const { streams } = setUp();
    const call = new AbortController();
    const session = streams.open({ owner: 'a', signal: call.signal });
    call.abort();
    expect(session.closeReason).toBe('shutdown');
    expect(streams.open({ owner: 'a', signal: AbortSignal.abort() }).closeReason).toBe('shutdown');
  });

  it('logs each internal error of an event once, with its cause, through the logger it was given', () => {
    const { streams, opened, logger } = setUp();
    const session = streams.open({ owner: 'conn-7', id: 's' });
    const cause = new Error('onnxruntime crashed');
    opened[0]!.handlers.onError(3, ModelWireError.from(cause));
    opened[0]!.handlers.onError(4, invalidInput('text is empty'));
    expect(logger.error).toHaveBeenCalledOnce();
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ err: cause, owner: 'conn-7', session: 's', seq: 3 }), expect.any(String));
    session.close();
  });
});

describe('finishing a stream session (the client sends no more)', () => {
  // The core's real latest-wins stream over a scorer that takes a few milliseconds per text.
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  async function score(text: string): Promise<PredictionResult> {
    await sleep(5);
    if (text === '') throw invalidInput('text is empty');
    return { model: { name: 'sentiment', version: 1 }, output: { kind: 'sentiment', label: 'positive', score: 0.5, probability: 0.75 }, timing: { serverMs: 5, inferenceMs: 1, preprocessMs: 1 }, cached: false };
  }
  const streams = () => createStreamSessions((handlers) => createSentimentStream(score, handlers));

  it('answers the last text pushed, then ends; errors on the way do not end it', async () => {
    const session = streams().open({ owner: 'call' });
    ['a', 'ab', 'abc'].forEach((text) => session.push(text));
    session.push('stale', 2);
    session.finish();
    const events = await readAll(session.events);
    expect(events).toContain('error 2 invalid_input');
    expect(events.at(-1)).toBe('update 3');
    expect(session.closeReason).toBe('client');
  });

  it('ends at once when nothing is pending', async () => {
    const session = streams().open({ owner: 'call' });
    session.finish();
    expect(await readAll(session.events)).toEqual(['opened']);
  });
});
