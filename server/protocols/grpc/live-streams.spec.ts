import { describe, expect, it } from 'vitest';
import type { PredictionResult } from '../../../lib/contract';
import { invalidInput } from '../../../lib/model-wire-error';
import { createSentimentStream } from '../../core/sentiment-stream';
import type { LiveSentimentEvent } from './live-sentiment-stream';
import { createLiveStreams } from './live-streams';

// The core's real latest-wins stream over a fake scorer that takes a few milliseconds per text.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function score(text: string): Promise<PredictionResult> {
  await sleep(5);
  if (text === '') throw invalidInput('text is empty');
  return { model: { name: 'sentiment', version: 1 }, output: { kind: 'sentiment', label: 'positive', score: 0.5, probability: 0.75 }, timing: { serverMs: 5, inferenceMs: 1, preprocessMs: 1 } };
}
const core = { streamSentiment: (handlers: Parameters<typeof createSentimentStream>[1]) => createSentimentStream(score, handlers) };

async function collect(events: AsyncIterable<LiveSentimentEvent>) {
  const seen: LiveSentimentEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}
const summary = (event: LiveSentimentEvent) => (event.kind === 'update' ? `update ${event.update.seq}` : `error ${event.seq} ${event.error.code}`);

describe('live sentiment streams of a gRPC listener', () => {
  const signal = new AbortController().signal;

  it('after finish() answers the last text pushed, then ends; errors on the way do not end it', async () => {
    const stream = createLiveStreams(core).open({ model: 'sentiment', signal });
    ['a', 'ab', 'abc'].forEach((text) => stream.push(text));
    stream.push('stale', 2);
    stream.finish();
    const events = (await collect(stream.events)).map(summary);
    expect(events).toContain('error 2 invalid_input');
    expect(events.at(-1)).toBe('update 3');
  });

  it('ends at once when finished with nothing pending, and refuses pushes once ended', async () => {
    const stream = createLiveStreams(core).open({ model: 'sentiment', signal });
    stream.finish();
    expect(await collect(stream.events)).toEqual([]);
    expect(() => stream.push('late')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('finds watched sessions by id until they end; unknown or reused ids are refused', async () => {
    const streams = createLiveStreams(core);
    const watched = streams.open({ model: 'sentiment', sessionId: 'abc', signal });
    expect(streams.session('abc')).toBe(watched);
    expect(() => streams.open({ model: 'sentiment', sessionId: 'abc', signal })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => streams.session('other')).toThrow(expect.objectContaining({ code: 'not_found' }));
    watched.close();
    expect(() => streams.session('abc')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('ends a stream when its call is aborted, and one that gets no text for idleMs', async () => {
    const streams = createLiveStreams(core, { idleMs: 60, maxStreams: 10 });
    const call = new AbortController();
    const aborted = streams.open({ model: 'sentiment', sessionId: 'a', signal: call.signal });
    call.abort();
    expect(await collect(aborted.events)).toEqual([]);

    const idle = streams.open({ model: 'sentiment', sessionId: 'idle', signal });
    await sleep(40);
    const pushedAt = performance.now();
    idle.push('still here');
    await sleep(40);
    expect(streams.session('idle')).toBe(idle);
    expect((await collect(idle.events)).map(summary)).toEqual(['update 1']);
    expect(performance.now() - pushedAt).toBeGreaterThanOrEqual(55);
    expect(() => streams.session('idle')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('refuses more than maxStreams at once as overloaded, and closeAll ends them all', async () => {
    const streams = createLiveStreams(core, { idleMs: 60_000, maxStreams: 2 });
    const open = [streams.open({ model: 'sentiment', signal }), streams.open({ model: 'sentiment', signal })];
    expect(() => streams.open({ model: 'sentiment', signal })).toThrow(expect.objectContaining({ code: 'overloaded' }));
    streams.closeAll();
    await Promise.all(open.map((stream) => collect(stream.events)));
    expect(streams.open({ model: 'sentiment', signal }).model).toBe('sentiment');
  });
});
