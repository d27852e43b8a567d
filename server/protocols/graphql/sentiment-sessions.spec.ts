import { describe, expect, it, vi } from 'vitest';
import type { SentimentStreamUpdate } from '../../../lib/contract';
import { invalidInput } from '../../../lib/model-wire-error';
import type { SentimentStreamHandlers } from '../../core/sentiment-stream';
import { createSentimentSessions } from './sentiment-sessions';

/** A core whose streams are driven by hand: the test plays the model through each stream's handlers. */
function fakeCore() {
  const streams: Array<{ handlers: SentimentStreamHandlers; model?: string; push: ReturnType<typeof vi.fn>; close: ReturnType<typeof vi.fn> }> = [];
  const core = {
    streamSentiment: vi.fn((handlers: SentimentStreamHandlers, options?: { model?: string }) => {
      let lastSeq = 0;
      const stream = { handlers, model: options?.model, push: vi.fn((_text: string, seq?: number) => (lastSeq = seq ?? lastSeq + 1)), close: vi.fn() };
      streams.push(stream);
      return stream;
    }),
  };
  return { core, streams };
}

const update = (seq: number, text: string): SentimentStreamUpdate => ({
  seq,
  text,
  skipped: 0,
  model: { name: 'sentiment', version: 1 },
  output: { kind: 'sentiment', label: 'positive', score: 0.9, probability: 0.95 },
  timing: { serverMs: 2, inferenceMs: 1, preprocessMs: 0.5 },
});

describe('GraphQL sentiment sessions', () => {
  it('opens one core stream per subscription, announces it, and turns its updates and errors into events', async () => {
    const { core, streams } = fakeCore();
    const sessions = createSentimentSessions(core);
    const events = sessions.open('typist');
    expect(streams[0]!.model).toBe('sentiment');
    expect(await events.next()).toEqual({ done: false, value: { kind: 'opened', session: 'typist' } });

    expect(sessions.push('typist', 'I love', 4)).toBe(4);
    expect(streams[0]!.push).toHaveBeenCalledWith('I love', 4);
    streams[0]!.handlers.onUpdate(update(4, 'I love'));
    streams[0]!.handlers.onError(5, invalidInput('text is empty'));
    expect((await events.next()).value).toMatchObject({ kind: 'update', seq: 4, text: 'I love', sentiment: { label: 'positive', score: 0.9 } });
    expect((await events.next()).value).toEqual({ kind: 'error', seq: 5, code: 'invalid_input', message: 'text is empty' });
  });

  it('ends the session when the subscriber returns: the core stream is closed and the id is free again', async () => {
    const { core, streams } = fakeCore();
    const sessions = createSentimentSessions(core);
    const events = sessions.open('typist', 'my-sentiment');
    expect(streams[0]!.model).toBe('my-sentiment');
    const pending = events.next().then(() => events.next());
    await events.return!();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(streams[0]!.close).toHaveBeenCalledOnce();
    expect(() => sessions.push('typist', 'hello')).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => sessions.open('typist')).not.toThrow();
  });

  it('refuses a bad or busy session id, and more sessions than allowed', () => {
    const { core } = fakeCore();
    const sessions = createSentimentSessions(core, { maxSessions: 2, maxBacklog: 10 });
    expect(() => sessions.open('')).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => sessions.open('x'.repeat(129))).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    sessions.open('a');
    expect(() => sessions.open('a')).toThrow(expect.objectContaining({ code: 'invalid_input', message: expect.stringContaining('already') }));
    sessions.open('b');
    expect(() => sessions.open('c')).toThrow(expect.objectContaining({ code: 'overloaded', details: { limit: 'sessions', max: 2 } }));
  });

  it('refuses pushes while the subscriber leaves too many events unread', async () => {
    const { core, streams } = fakeCore();
    const sessions = createSentimentSessions(core, { maxSessions: 10, maxBacklog: 3 });
    const events = sessions.open('slow');
    sessions.push('slow', 'one');
    streams[0]!.handlers.onUpdate(update(1, 'one'));
    sessions.push('slow', 'two');
    streams[0]!.handlers.onUpdate(update(2, 'two'));
    // opened + 2 updates unread
    expect(() => sessions.push('slow', 'three')).toThrow(expect.objectContaining({ code: 'overloaded', details: { limit: 'backlog', max: 3 } }));
    await events.next();
    expect(sessions.push('slow', 'three')).toBe(3);
  });

  it('closeAll lets every subscriber read what was sent, then ends it', async () => {
    const { core, streams } = fakeCore();
    const sessions = createSentimentSessions(core);
    const events = sessions.open('typist');
    sessions.push('typist', 'bye');
    streams[0]!.handlers.onUpdate(update(1, 'bye'));
    sessions.closeAll();
    expect(streams[0]!.close).toHaveBeenCalledOnce();
    const kinds = [];
    for await (const event of events) kinds.push(event.kind);
    expect(kinds).toEqual(['opened', 'update']);
  });
});
