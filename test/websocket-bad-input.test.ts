import { describe, expect, it } from 'vitest';
import { joinBinaryFrame } from '../lib/websocket-binary-frame';
import { useApi } from './support/use-api';
import { TestSocket, useSocket, wsUrlOf } from './websocket-client';

const MB = 1024 * 1024;

describe('WebSocket /ws: bad frames get error messages and the connection keeps serving', () => {
  const api = useApi();
  const socket = useSocket(api);
  let nextId = 0;

  /** The connection still answers, on the same socket(). */
  async function expectStillServing(on = socket()) {
    const reply = await on.request({ id: `alive-${++nextId}`, type: 'listModels' });
    expect(reply.type).toBe('result');
  }

  /** Sends a frame whose id cannot be read and returns the id-less error it gets. */
  async function idlessErrorFor(frame: string | Uint8Array) {
    const since = socket().received.length;
    socket().send(frame);
    return socket().next((message) => message.type === 'error' && message.id === undefined, { since });
  }

  it('answers invalid JSON with invalid_input', async () => {
    const reply = await idlessErrorFor('{"id": "1", "type": ');
    expect(reply.error).toMatchObject({ code: 'invalid_input', message: 'The message is not valid JSON.', retryable: false });
    await expectStillServing();
  });

  it('answers a message without id, with a bad id, or that is not an object', async () => {
    expect((await idlessErrorFor(JSON.stringify({ type: 'listModels' }))).error.message).toMatch(/"id"/);
    expect((await idlessErrorFor(JSON.stringify({ id: { nested: true }, type: 'listModels' }))).error.code).toBe('invalid_input');
    expect((await idlessErrorFor('[1, 2, 3]')).error.message).toMatch(/JSON object/);
    expect((await idlessErrorFor('{"hello": "world"}')).error.message).toMatch(/"id" and "type"/);
    await expectStillServing();
  });

  it('answers an unknown type and wrong field types with invalid_input carrying the id', async () => {
    const cases = [
      { id: 'unknown-type', type: 'explode' },
      { id: 'no-model', type: 'predict', input: { text: 'hi' } },
      { id: 'input-not-object', type: 'predict', model: 'sentiment', input: 'hi' },
      { id: 'text-not-string', type: 'predict', model: 'sentiment', input: { text: 42 } },
      { id: 'two-inputs', type: 'predict', model: 'sentiment', input: { text: 'hi', features: [1] } },
      { id: 'topk-not-int', type: 'predict', model: 'sentiment', input: { text: 'hi' }, topK: 'many' },
      { id: 'bad-base64', type: 'predict', model: 'mobilenetv2', input: { image: '***' } },
      { id: 'bad-training', type: 'train', model: 'default', X: [[1, 'two']], y: [1] },
      { id: 'stream-text', type: 'stream', text: null },
    ];
    for (const message of cases) {
      const reply = await socket().request(message);
      expect(reply, message.id).toMatchObject({ id: message.id, type: 'error', error: { code: 'invalid_input' } });
    }
    await expectStillServing();
  });

  it('answers an unknown model with not_found and a missing image model with not_installed', async () => {
    const unknown = await socket().request({ id: 'nope', type: 'predict', model: 'no-such-model', input: { text: 'hi' } });
    expect(unknown).toMatchObject({ id: 'nope', type: 'error', error: { code: 'not_found', retryable: false } });
    const missing = await socket().request({ id: 'img', type: 'predict', model: 'mobilenetv2', input: { image: 'aGVsbG8=' } });
    expect(missing.error.code).toBe('not_installed');
    await expectStillServing();
  });

  it('answers malformed binary frames', async () => {
    expect((await idlessErrorFor(new Uint8Array([0, 0]))).error.message).toMatch(/4-byte/);
    expect((await idlessErrorFor(new Uint8Array([0, 0, 0, 200, 1, 2]))).error.message).toMatch(/header length/);
    socket().send(joinBinaryFrame({ id: 'bin-train', type: 'train', model: 'default' }, new Uint8Array([1, 2, 3])));
    expect((await socket().next((message) => message.id === 'bin-train')).error.message).toMatch(/"predict"/);
    socket().send(joinBinaryFrame({ id: 'bin-empty', type: 'predict', model: 'mobilenetv2' }, new Uint8Array()));
    expect((await socket().next((message) => message.id === 'bin-empty')).error.message).toMatch(/no image bytes/);
    await expectStillServing();
  });

  it('answers a 10 MB frame (text or binary) as every protocol answers 10 MB, and keeps the connection', async () => {
    // Under the 20 MiB every protocol reads: the model itself answers, as it would on any other lane.
    const text = await socket().request({ id: 'big', type: 'predict', model: 'sentiment', input: { text: 'a'.repeat(10 * MB) } });
    expect(text.error).toMatchObject({ code: 'invalid_input', details: { maxLength: 10_000 } });
    await expectStillServing();
    socket().send(joinBinaryFrame({ id: 'big-bin', type: 'predict', model: 'mobilenetv2' }, new Uint8Array(10 * MB)));
    expect((await socket().next((message) => message.id === 'big-bin')).error.code).toBe('not_installed');
    await expectStillServing();
  });

  it('refuses a text frame over the JSON budget with too_large, unparsed, and keeps the connection', async () => {
    const dense = JSON.stringify({ id: 'dense', type: 'train', model: 'default', X: Array.from({ length: 150_000 }, () => [1]), y: [1] });
    const reply = await idlessErrorFor(dense);
    expect(reply.error).toMatchObject({ code: 'too_large', details: { limit: 'json_structure', max: 100_000 } });
    await expectStillServing();
  });

  it("closes with 1009 a frame over the server's 20 MB maximum, and a new connection works", async () => {
    const victim = await TestSocket.open(wsUrlOf(api().url));
    victim.send(new Uint8Array(21 * MB));
    expect((await victim.closed).code).toBe(1009);
    const fresh = await TestSocket.open(wsUrlOf(api().url));
    await expectStillServing(fresh);
    await fresh.close();
  });

  it('answers a burst over the rate limit with overloaded (carrying each id), then serves again', async () => {
    const burst = await TestSocket.open(wsUrlOf(api().url));
    const ids = Array.from({ length: 150 }, (_, i) => `burst-${i}`);
    for (const id of ids) burst.send({ id, type: 'listModels' });
    const replies = await Promise.all(ids.map((id) => burst.next((message) => message.id === id)));
    const refused = replies.filter((reply) => reply.type === 'error');
    expect(replies.filter((reply) => reply.type === 'result').length).toBeGreaterThanOrEqual(100);
    expect(refused.length).toBeGreaterThanOrEqual(30);
    for (const reply of refused) expect(reply.error).toMatchObject({ code: 'overloaded', retryable: true, details: { limit: 'rate' } });
    await new Promise((resolve) => setTimeout(resolve, refused.at(-1).error.details.retryAfterMs + 20));
    await expectStillServing(burst);
    await burst.close();
  });
});
