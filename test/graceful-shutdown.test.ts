import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import WebSocket from 'ws';
import { spawnServer, type ServerProcess } from './support/spawn-server';

// SIGTERM to a real server process: it stops taking work, answers every call already running, ends live streams with
// the protocol's own close, and exits 0.

const IN_FLIGHT = 32;

/** A training big enough (100,000 numbers of JSON) that 32 of them keep the server busy for a while. */
function bigTraining(seed: number) {
  const X = Array.from({ length: 20_000 }, (_, i) => [i % 97, (i * seed) % 89, i % 7, (i + seed) % 5]);
  const y = X.map(([a, b, c, d]) => 2 * a! - b! + 3 * c! + d! + seed);
  return JSON.stringify({ X, y });
}

/** A POST on its own connection: `sent` once the whole body is written, `answer` with the status and JSON. */
function postJson(url: string, body: string) {
  let markSent!: () => void;
  const sent = new Promise<void>((resolve) => (markSent = resolve));
  const answer = new Promise<{ status: number; json: unknown }>((resolve, reject) => {
    const call = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, json: JSON.parse(text) }));
    });
    call.on('error', reject);
    call.end(body, markSent);
  });
  return { sent, answer };
}

describe('graceful shutdown on SIGTERM', () => {
  let server: ServerProcess | undefined;
  afterEach(() => {
    server?.child.kill('SIGKILL');
    server = undefined;
  });

  it(`answers all ${IN_FLIGHT} calls in flight, then exits 0`, async () => {
    // A training queue long enough for all of them: this is about shutdown, not about the queue's bound.
    server = await spawnServer({ TRAINING_QUEUE: String(IN_FLIGHT) });
    const { url } = server;
    const calls = Array.from({ length: IN_FLIGHT }, (_, i) => postJson(`${url}/v1/models/drain${i}/train`, bigTraining(i + 1)));
    let answered = 0;
    calls.forEach((call) => call.answer.then(() => answered++, () => {}));
    // In flight: every request has been written out whole and has reached the core before the signal.
    await Promise.all(calls.map((call) => call.sent));
    const started = async () => ((await (await fetch(`${url}/healthz`)).json()) as { calls: { started: number } }).calls.started;
    await expect.poll(started, { timeout: 30_000, interval: 20 }).toBe(IN_FLIGHT);
    const answeredBeforeSignal = answered;
    server.child.kill('SIGTERM');
    const results = await Promise.all(calls.map((call) => call.answer.catch((error: Error) => ({ status: 0, json: { error: error.message } }))));
    console.info(`${IN_FLIGHT - answeredBeforeSignal} of ${IN_FLIGHT} calls were in flight at SIGTERM; ${results.filter((r) => r.status === 200).length} answered 200`);
    expect(answeredBeforeSignal).toBeLessThan(IN_FLIGHT / 2);
    expect(results.map((result) => result.status)).toEqual(Array(IN_FLIGHT).fill(200));
    expect(results.every((result) => (result.json as { samples?: number }).samples === 20_000)).toBe(true);
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('SIGTERM: shutting down');
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('ends an open WebSocket stream with "stopped" (reason shutdown) and close code 1001', async () => {
    server = await spawnServer();
    const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/ws`);
    const messages: Array<{ type?: string; reason?: string }> = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ id: 's1', type: 'stream', text: 'I love it' }));
    await expect.poll(() => messages.some((message) => message.type === 'update')).toBe(true);
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    server.child.kill('SIGTERM');
    expect(await closed).toBe(1001);
    expect(messages.at(-1)).toMatchObject({ type: 'stopped', reason: 'shutdown' });
    expect(await server.exited).toBe(0);
  });
});
