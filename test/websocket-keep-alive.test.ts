import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebSocketOnly, TestSocket } from './websocket-client';

// Long enough that a loaded CI machine still answers in time, short enough to keep the test quick.
const PING_INTERVAL_MS = 400;

describe('WebSocket /ws with short limits: keep-alive and in-flight requests', () => {
  let server: Awaited<ReturnType<typeof startWebSocketOnly>>;
  beforeAll(async () => {
    server = await startWebSocketOnly({ pingIntervalMs: PING_INTERVAL_MS, maxInFlight: 1 });
  });
  afterAll(() => server.close());

  it('terminates a client that stops answering pings, and keeps one that answers', async () => {
    const silent = await TestSocket.open(server.url, { autoPong: false });
    const answering = await TestSocket.open(server.url);
    let pings = 0;
    silent.ws.on('ping', () => pings++);

    const closed = await Promise.race([silent.closed, new Promise((resolve) => setTimeout(() => resolve('still open'), 20 * PING_INTERVAL_MS))]);
    // terminate() destroys the TCP socket without a close frame: the client sees 1006 (abnormal closure).
    expect(closed).toEqual({ code: 1006, reason: '' });
    expect(pings).toBeGreaterThanOrEqual(1);

    await new Promise((resolve) => setTimeout(resolve, 5 * PING_INTERVAL_MS));
    expect(answering.ws.readyState).toBe(answering.ws.OPEN);
    expect((await answering.request({ id: 'alive', type: 'listModels' })).type).toBe('result');
    await answering.close();
  });

  it('refuses predictions beyond maxInFlight on one connection with overloaded, and answers the rest', async () => {
    const socket = await TestSocket.open(server.url);
    const ids = Array.from({ length: 10 }, (_, i) => `p${i}`);
    for (const id of ids) socket.send({ id, type: 'predict', model: 'sentiment', input: { text: `a lovely day number ${id}` } });
    const replies = await Promise.all(ids.map((id) => socket.next((message) => message.id === id)));
    const refused = replies.filter((reply) => reply.type === 'error');
    expect(replies[0].type).toBe('result');
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const reply of refused) expect(reply.error).toMatchObject({ code: 'overloaded', details: { limit: 'in_flight', max: 1 } });
    expect((await socket.request({ id: 'after', type: 'predict', model: 'sentiment', input: { text: 'fine' } })).type).toBe('result');
    await socket.close();
  });
});
