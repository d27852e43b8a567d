import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SentimentStreamHandlers } from '../../core/sentiment-stream';
import { createStreamSessions, type StreamMessage } from './stream-sessions';

/** A core whose streams record what they were given and what closed them. */
function fakeCore() {
  const streams: Array<{ handlers: SentimentStreamHandlers; pushed: unknown[]; closed: boolean }> = [];
  return {
    streams,
    streamSentiment(handlers: SentimentStreamHandlers) {
      const stream = { handlers, pushed: [] as unknown[], closed: false };
      streams.push(stream);
      return { push: (text: string, seq?: number) => (stream.pushed.push({ text, seq }), seq ?? 0), close: () => void (stream.closed = true) };
    },
  };
}

describe('MQTT stream sessions', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('opens one core stream per client id and closes it after the idle timeout', () => {
    const core = fakeCore();
    const sent: Array<[string, StreamMessage]> = [];
    const sessions = createStreamSessions(core, (id, message) => sent.push([id, message]), { idleMs: 1000, maxSessions: 10 });
    sessions.receive('a', { text: 'one' });
    vi.advanceTimersByTime(900);
    sessions.receive('a', { text: 'two', seq: 5 });
    sessions.receive('b', { text: 'other' });
    expect(core.streams).toHaveLength(2);
    expect(core.streams[0]!.pushed).toEqual([{ text: 'one', seq: undefined }, { text: 'two', seq: 5 }]);
    vi.advanceTimersByTime(900); // 'a' was touched 900 ms ago, 'b' too: both still open
    expect(core.streams.map((stream) => stream.closed)).toEqual([false, false]);
    vi.advanceTimersByTime(200);
    expect(core.streams.map((stream) => stream.closed)).toEqual([true, true]);
    expect(sent).toEqual([['a', { type: 'closed', reason: 'idle' }], ['b', { type: 'closed', reason: 'idle' }]]);
  });

  it('drops updates that finish after the stream closed, so "closed" is the last message', () => {
    const core = fakeCore();
    const sent: StreamMessage[] = [];
    const sessions = createStreamSessions(core, (_, message) => sent.push(message), { idleMs: 1000, maxSessions: 10 });
    sessions.receive('a', { text: 'one' });
    sessions.receive('a', { close: true });
    core.streams[0]!.handlers.onUpdate({ seq: 1 } as never);
    expect(sent).toEqual([{ type: 'closed', reason: 'client' }]);
  });

  it('refuses a new stream beyond maxSessions as overloaded', () => {
    const sent: StreamMessage[] = [];
    const sessions = createStreamSessions(fakeCore(), (_, message) => sent.push(message), { idleMs: 1000, maxSessions: 1 });
    sessions.receive('a', { text: 'one' });
    sessions.receive('b', { text: 'two' });
    expect(sent).toEqual([{ type: 'error', seq: null, error: expect.objectContaining({ code: 'overloaded' }) }]);
    sessions.closeAll();
  });
});
