import { readFile, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
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
