import { describe, expect, it } from 'vitest';
import { TYPED_SENTENCE as SENTENCE, TYPED_PREFIXES as PREFIXES } from './support/live-stream';
import { postJson } from './support/start-api';
import { useApi } from './support/use-api';
import { useSocket } from './websocket-client';

describe('WebSocket /ws: live sentiment streams', () => {
  const api = useApi();
  const socket = useSocket(api);

  const messagesOf = (id: string) => socket().received.filter((message) => message.id === id);

  it('scores 20 rapid partial texts latest-wins: in seq order, each update naming its text, the last the full sentence', async () => {
    PREFIXES.forEach((text, i) => socket().send({ id: 'typing', type: 'stream', text, seq: i + 1 }));
    const last = await socket().next((message) => message.id === 'typing' && message.seq === 20);

    const updates = messagesOf('typing');
    expect(updates.every((update) => update.type === 'update')).toBe(true);
    const seqs = updates.map((update) => update.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    for (const update of updates) expect(update.text).toBe(PREFIXES[update.seq - 1]);
    // Every pushed text was either scored or counted as skipped by the update that replaced it.
    expect(updates.length + updates.reduce((sum, update) => sum + update.skipped, 0)).toBe(20);
    console.info(`stream: ${updates.length} updates for 20 pushes (seqs ${seqs.join(',')})`);

    const plain = await postJson(`${api().url}/v1/models/sentiment/predict`, { text: SENTENCE });
    expect(last).toMatchObject({ text: SENTENCE, model: { name: 'sentiment', version: 1 }, output: plain.json.output });
    expect(last.output.label).toBe('positive');
    expect(last.timing.serverMs).toBeGreaterThan(0);
  });

  it('stops a stream with "stopped" as its last message, then no longer knows it', async () => {
    socket().send({ id: 'typing', type: 'stream', text: 'one more' });
    const stopped = await socket().request({ id: 'typing', type: 'stopStream' }, (reply) => reply.type !== 'update');
    expect(stopped).toEqual({ id: 'typing', type: 'stopped' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(messagesOf('typing').at(-1)).toEqual(stopped);
    const again = await socket().request({ id: 'typing-gone', type: 'stopStream' });
    expect(again.error.code).toBe('not_found');
  });

  it('numbers pushes itself when seq is left out, and reports a bad item by seq while the stream stays open', async () => {
    socket().send({ id: 'auto', type: 'stream', text: 'good' });
    expect(await socket().next((message) => message.id === 'auto' && message.seq === 1)).toMatchObject({ type: 'update', text: 'good' });
    socket().send({ id: 'auto', type: 'stream', text: '   ' });
    const error = await socket().next((message) => message.id === 'auto' && message.seq === 2);
    expect(error).toMatchObject({ type: 'error', error: { code: 'invalid_input' } });
    socket().send({ id: 'auto', type: 'stream', text: 'a backwards seq', seq: 1 });
    expect((await socket().next((message) => message.id === 'auto' && message.type === 'error' && message.seq === 1)).error.code).toBe('invalid_input');
    socket().send({ id: 'auto', type: 'stream', text: 'terrible awful' });
    expect(await socket().next((message) => message.id === 'auto' && message.seq === 3)).toMatchObject({ type: 'update', output: { label: 'negative' } });
    await socket().request({ id: 'auto', type: 'stopStream' }, (reply) => reply.type === 'stopped');
  });

  it('refuses a stream on an unknown or non-text model, and a fifth open stream', async () => {
    expect((await socket().request({ id: 's-unknown', type: 'stream', model: 'nope', text: 'hi' })).error.code).toBe('not_found');
    expect((await socket().request({ id: 's-image', type: 'stream', model: 'mobilenetv2', text: 'hi' })).error.code).toBe('invalid_input');
    for (const id of ['s1', 's2', 's3', 's4']) socket().send({ id, type: 'stream', text: 'hello' });
    const fifth = await socket().request({ id: 's5', type: 'stream', text: 'hello', seq: 7 });
    expect(fifth).toMatchObject({ id: 's5', seq: 7, type: 'error', error: { code: 'overloaded', details: { limit: 'streams', max: 4 } } });
    expect((await socket().request({ id: 's1', type: 'stopStream' }, (reply) => reply.type !== 'update')).type).toBe('stopped');
    expect((await socket().request({ id: 's5', type: 'stream', text: 'now there is room' })).type).toBe('update');
  });
});
