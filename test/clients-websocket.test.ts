import { readFile, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { createWebSocketClient } from '../lib/clients/websocket-client';
import { itStreamsTyping } from './support/client-streams';
import { folderWithPhoto, runInShell } from './support/copy-as';
import { valueOf, withoutCallDetails } from './support/outcomes';
import { houseFinch, SHARED_IMAGENET_DIR, skipWithoutSharedImagenet } from './support/shared-files';
import { useApi } from './support/use-api';

// What only the browser's WebSocket client does (given ws's WebSocket class: Node 20 has none): its frames in the wire
// view, its error messages, its one connection, its stream, its copy-as. Its answers are in test/conformance.

const wsClient = (url: string) => createWebSocketClient(url, { WebSocket });

describe('createWebSocketClient against the API server', () => {
  const api = useApi();

  it('shows the text frames it sent and received, and reads an error message by its request id', async () => {
    const ws = wsClient(api().url);
    const { wire } = await ws.predict('sentiment', { kind: 'text', text: 'Lovely' });
    expect(wire.request.summary).toMatch(/^WebSocket SEND text frame \(predict, id \d+\)$/);
    expect(wire.request.headers).toContainEqual(['opcode', '0x1 (text)']);
    expect(wire.request.body).toContain('"text": "Lovely"');
    expect(wire.response.summary).toMatch(/^WebSocket RECV text frame \(result, id \d+\)$/);
    expect(wire.response.body).toContain('"label": "positive"');
    expect(wire.response.bytes).toBeGreaterThan(100);

    const unknown = await ws.predict('no-such-model', { kind: 'text', text: 'hello' });
    expect(unknown.ok ? undefined : unknown.error).toMatchObject({ code: 'not_found', native: 'error message code=not_found', message: expect.stringContaining('no-such-model') });
    expect(unknown.wire.response.summary).toMatch(/\(error, id \d+\)$/);
    const missing = await ws.predict('mobilenetv2', { kind: 'image', image: new Uint8Array([1, 2, 3]) });
    expect(missing.ok ? undefined : missing.error).toMatchObject({ code: 'not_installed', details: { installCommand: 'npm run models:fetch' } });
    expect(missing.wire.request.summary).toMatch(/^WebSocket SEND binary frame/);
    expect(missing.wire.request.hex).toMatch(/^00 00 00 [0-9a-f]{2} 7b/); // the header length, then the header's "{"
    ws.close();
  });

  it('answers calls sent together on its one connection, each by its id', async () => {
    const ws = wsClient(api().url);
    const texts = ['I love machine learning!', 'This was a terrible, boring waste of time.', 'The package arrived on Tuesday.'];
    const together = await Promise.all(texts.map((text) => ws.predict('sentiment', { kind: 'text', text })));
    for (const [i, text] of texts.entries()) expect(withoutCallDetails(valueOf(together[i]!))).toEqual(withoutCallDetails(valueOf(await ws.predict('sentiment', { kind: 'text', text }))));
    ws.close();
  });

  it('times connecting apart: the first call (or connect()) opens the socket, calls on it carry no connect time', async () => {
    const ws = wsClient(api().url);
    const first = await ws.predict('sentiment', { kind: 'text', text: 'Lovely' });
    expect(first.timing).toMatchObject({ connect: { what: 'opened the WebSocket' }, clock: 'page', server: { source: 'reply-timing-fields' } });
    expect(first.timing?.server?.totalMs).toBe(valueOf(first).timing.serverMs);
    expect((await ws.predict('sentiment', { kind: 'text', text: 'Lovely' })).timing?.connect).toBeUndefined();
    expect(await ws.connect!()).toBeUndefined();
    ws.close();
    const fresh = wsClient(api().url);
    expect(await fresh.connect!()).toMatchObject({ what: 'opened the WebSocket', ms: expect.any(Number) });
    expect((await fresh.predict('sentiment', { kind: 'text', text: 'Lovely' })).timing?.connect).toBeUndefined();
    fresh.close();
  });

  it('after the server closes with 1009 (a frame over 20 MiB), says so in the wire view and reconnects on the next call', async () => {
    const ws = wsClient(api().url);
    const huge = await ws.predict('mobilenetv2', { kind: 'image', image: new Uint8Array(21 * 1024 * 1024) });
    expect(huge.wire.response.summary).toBe('WebSocket connection closed: close code 1009 (Message Too Big)');
    expect(valueOf(await ws.predict('sentiment', { kind: 'text', text: 'Back again, and happy' })).output).toMatchObject({ label: 'positive' });
    ws.close();
  });

  it('throws when nothing answers, as the REST client does', async () => {
    await expect(wsClient('http://127.0.0.1:9').predict('sentiment', { kind: 'text', text: 'x' })).rejects.toThrow(/Could not open a WebSocket to ws:\/\/127\.0\.0\.1:9\/ws/);
  });

  it('copyAs gives a websocat command sending the JSON request', () => {
    const command = wsClient(api().url).copyAs('sentiment', { kind: 'text', text: "It's great" });
    expect(command).toBe(`echo '{"id":"1","type":"predict","model":"sentiment","input":{"text":"It'\\''s great"}}' | websocat -n1 ${api().url.replace('http', 'ws')}/ws`);
  });

  itStreamsTyping('WebSocket', () => wsClient(api().url), { badItemNative: 'error message code=invalid_input' });
});

describe.skipIf(skipWithoutSharedImagenet())('createWebSocketClient with the ImageNet model', () => {
  const api = useApi({ modelsDir: SHARED_IMAGENET_DIR });

  it('sends a photo in one binary frame, without base64; copy-as sends the same frame with Node and ws', async () => {
    const image = new Uint8Array(await readFile(houseFinch().path));
    const ws = wsClient(api().url);
    const outcome = await ws.predict('mobilenetv2', { kind: 'image', image }, { topK: 3 });
    ws.close();
    expect(outcome.wire.request.bytes).toBeGreaterThan(image.length);
    expect(outcome.wire.request.bytes).toBeLessThan(image.length + 200);

    const dir = await folderWithPhoto(houseFinch().path);
    await symlink(path.resolve('node_modules'), path.join(dir, 'node_modules'));
    const { stdout } = await runInShell(ws.copyAs('mobilenetv2', { kind: 'image', image }, { topK: 3 }), dir);
    expect(JSON.parse(stdout)).toMatchObject({ id: '1', type: 'result', output: valueOf(outcome).output });
  });
});

describe('createWebSocketClient when the server goes away (close code 1001)', () => {
  // A replica shutting down answers what it had and closes with 1001: a request it closed on was never run.
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  const received: Array<{ socket: number; type: string }> = [];
  let sockets = 0;
  server.on('connection', (socket) => {
    const nth = ++sockets;
    socket.on('message', (data) => {
      const { id, type } = JSON.parse(String(data)) as { id: string; type: string };
      received.push({ socket: nth, type });
      if (nth === 1 || type === 'train') return socket.close(1001, 'shutting down');
      const output = { kind: 'sentiment', label: 'positive', score: 0.8, probability: 0.9 };
      socket.send(JSON.stringify({ id, type: 'result', model: { name: 'sentiment', version: 1 }, output, timing: { serverMs: 1, inferenceMs: 1, preprocessMs: 0 }, cached: false }));
    });
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('sends a prediction once more on a new socket, and a training call not', async () => {
    if (!server.address()) await once(server, 'listening');
    const ws = wsClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const predicted = await ws.predict('sentiment', { kind: 'text', text: 'Lovely' });
    expect(valueOf(predicted).output).toMatchObject({ label: 'positive' });
    expect(received).toEqual([{ socket: 1, type: 'predict' }, { socket: 2, type: 'predict' }]);

    const trained = await ws.train('linear', { X: [[1]], y: [1] });
    expect(trained.ok).toBe(false);
    expect(trained.wire.response.summary).toMatch(/close code 1001/);
    expect(received.slice(2)).toEqual([{ socket: 2, type: 'train' }]);
    ws.close();
  });
});

describe('createWebSocketClient while the server is closing the socket (close frame in, close event not yet)', () => {
  // The moment a replica behind a load balancer stops: its 1001 close frame has arrived, the TCP connection not yet
  // ended. A call made then must go out on a new connection, not fail unsent.
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  let sockets = 0;
  server.on('connection', (socket, request) => {
    const nth = ++sockets;
    socket.on('message', (data) => {
      const { id } = JSON.parse(String(data)) as { id: string };
      const output = { kind: 'sentiment', label: 'positive', score: 0.8, probability: 0.9 };
      socket.send(JSON.stringify({ id, type: 'result', model: { name: 'sentiment', version: nth }, output, timing: { serverMs: 1, inferenceMs: 1, preprocessMs: 0 }, cached: false }));
      if (nth === 1) {
        socket.close(1001, 'shutting down');
        // Not reading the client's close frame keeps the first connection half-closed (ws waits 30 s for it).
        request.socket.pause();
      }
    });
  });
  afterAll(() => {
    for (const client of server.clients) client.terminate();
    return new Promise((resolve) => server.close(resolve));
  });

  it('sends the next call on a new socket', async () => {
    if (!server.address()) await once(server, 'listening');
    const ws = wsClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    expect(valueOf(await ws.predict('sentiment', { kind: 'text', text: 'first' })).model.version).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const next = await ws.predict('sentiment', { kind: 'text', text: 'second' });
    expect(next.ok ? next.value.model.version : next.error).toBe(2);
    ws.close();
  });
});
