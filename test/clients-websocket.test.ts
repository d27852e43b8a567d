import { execFile } from 'node:child_process';
import { copyFile, readFile, symlink } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { CallOutcome, ProtocolClient, StreamEvent } from '../lib/clients/protocol-client';
import { createRestClient } from '../lib/clients/rest-client';
import { createWebSocketClient } from '../lib/clients/websocket-client';
import type { PredictionResult, SentimentStreamUpdate } from '../lib/contract';
import { EXACT_X, EXACT_Y } from './support/linear-fixture';
import { hasSharedImagenet, SHARED_IMAGENET_DIR, sharedPhotos, skipReasonWithoutShared } from './support/shared-files';
import { makeTempDir, startApi, type RunningApi } from './support/start-api';
import { expectLatestWinsUpdates, receivedUpdateOf, sentimentOf, TYPED_SENTENCE as SENTENCE, TYPED_PREFIXES as PARTIALS } from './support/live-stream';

// The browser's WebSocket client (given ws's WebSocket class, as Node 20 has no global one) against the real server,
// checked against the REST client's answers for the same calls.

const SENTENCES = ['I love machine learning!', 'This was a terrible, boring waste of time.', 'The package arrived on Tuesday.'];
const run = promisify(execFile);

function valueOf<T>(outcome: CallOutcome<T>): T {
  if (!outcome.ok) throw new Error(`expected success, got ${outcome.error.native}: ${outcome.error.message}`);
  return outcome.value;
}

const withoutTiming = ({ model, output }: PredictionResult) => ({ model, output });
const wsClient = (url: string) => createWebSocketClient(url, { WebSocket });

describe('createWebSocketClient against the API server', () => {
  let api: RunningApi;
  let ws: ProtocolClient;
  let rest: ProtocolClient;
  beforeAll(async () => {
    api = await startApi();
    ws = wsClient(api.url);
    rest = createRestClient(api.url);
  });
  afterAll(async () => {
    ws?.close();
    await api?.close({ removeData: true });
  });

  it('lists the same models as REST', async () => {
    expect(await ws.listModels()).toEqual(await rest.listModels());
  });

  it('predicts sentiment exactly as REST does, and shows the text frames it sent and received', async () => {
    const answers = await Promise.all(SENTENCES.map((text) => ws.predict('sentiment', { kind: 'text', text })));
    for (const [i, text] of SENTENCES.entries()) {
      expect(withoutTiming(valueOf(answers[i]!))).toEqual(withoutTiming(valueOf(await rest.predict('sentiment', { kind: 'text', text }))));
    }
    const { wire } = await ws.predict('sentiment', { kind: 'text', text: 'Lovely' });
    expect(wire.request.summary).toMatch(/^WebSocket SEND text frame \(predict, id \d+\)$/);
    expect(wire.request.headers).toContainEqual(['opcode', '0x1 (text)']);
    expect(wire.request.body).toContain('"text": "Lovely"');
    expect(wire.response.summary).toMatch(/^WebSocket RECV text frame \(result, id \d+\)$/);
    expect(wire.response.body).toContain('"label": "positive"');
    expect(wire.response.bytes).toBeGreaterThan(100);
  });

  it('trains a linear model and predicts rows with it, as REST answers', async () => {
    const trained = valueOf(await ws.train('ws-client', { X: EXACT_X, y: EXACT_Y }));
    expect(trained).toMatchObject({ model: { name: 'ws-client', version: 1 }, samples: EXACT_X.length, featureCount: 2 });
    expect(trained.coefficients[0]).toBeCloseTo(2, 4);
    const rows = [[1, 2], [10, -3]];
    const [overWs, overRest] = [await ws.predict('ws-client', { kind: 'features', rows }), await rest.predict('ws-client', { kind: 'features', rows })];
    expect(withoutTiming(valueOf(overWs))).toEqual(withoutTiming(valueOf(overRest)));
  });

  it('answers errors in WebSocket form: an error message carrying the request id', async () => {
    const unknown = await ws.predict('no-such-model', { kind: 'text', text: 'hello' });
    expect(unknown.ok ? undefined : unknown.error).toMatchObject({ code: 'not_found', native: 'error message code=not_found', message: expect.stringContaining('no-such-model') });
    expect(unknown.wire.response.summary).toMatch(/\(error, id \d+\)$/);
    const missing = await ws.predict('mobilenetv2', { kind: 'image', image: new Uint8Array([1, 2, 3]) });
    expect(missing.ok ? undefined : missing.error).toMatchObject({ code: 'not_installed', details: { installCommand: 'npm run models:fetch' } });
    expect(missing.wire.request).toMatchObject({ summary: expect.stringMatching(/^WebSocket SEND binary frame/), bytes: missing.wire.request.bytes });
    expect(missing.wire.request.hex).toMatch(/^00 00 00 [0-9a-f]{2} 7b/); // the header length, then the header's "{"
    const empty = await ws.predict('sentiment', { kind: 'text', text: '' });
    expect(empty.ok ? undefined : empty.error.code).toBe('invalid_input');
  });

  it('reads an error without id (a frame over 8 MiB) and a close code 1009 (over 20 MiB), then reconnects', async () => {
    const tooBig = await ws.predict('mobilenetv2', { kind: 'image', image: new Uint8Array(9 * 1024 * 1024) });
    expect(tooBig.ok ? undefined : tooBig.error).toMatchObject({ code: 'too_large', native: 'error message code=too_large' });
    const huge = await ws.predict('mobilenetv2', { kind: 'image', image: new Uint8Array(21 * 1024 * 1024) });
    expect(huge.ok ? undefined : huge.error).toMatchObject({ code: 'too_large', native: 'close code 1009 (Message Too Big)' });
    expect(huge.wire.response.summary).toBe('WebSocket connection closed: close code 1009 (Message Too Big)');
    expect(valueOf(await ws.predict('sentiment', { kind: 'text', text: 'Back again, and happy' })).output).toMatchObject({ label: 'positive' });
  });

  it('throws when nothing answers, as the REST client does', async () => {
    await expect(wsClient('http://127.0.0.1:9').predict('sentiment', { kind: 'text', text: 'x' })).rejects.toThrow(/Could not open a WebSocket to ws:\/\/127\.0\.0\.1:9\/ws/);
  });

  it('copyAs gives a websocat command sending the JSON request', () => {
    const command = ws.copyAs('sentiment', { kind: 'text', text: "It's great" });
    expect(command).toBe(`echo '{"id":"1","type":"predict","model":"sentiment","input":{"text":"It'\\''s great"}}' | websocat -n1 ${api.url.replace('http', 'ws')}/ws`);
  });

  it('streams 20 rapid texts: updates in increasing seq, the last one scoring the full text as predict does', async () => {
    const events: StreamEvent[] = [];
    const session = ws.openSentimentStream!((event) => events.push(event));
    for (const text of PARTIALS) session.push(text);
    const updates = () => events.flatMap((event) => (event.type === 'update' ? [event] : []));
    await expect.poll(() => updates().at(-1)?.update.seq, { timeout: 20_000 }).toBe(PARTIALS.length);
    await new Promise((resolve) => setTimeout(resolve, 300)); // an update out of order would arrive after the last
    session.close();

    expect(events.filter((event) => event.type === 'sent').map((event) => (event.type === 'sent' ? event.seq : 0))).toEqual(PARTIALS.map((_, i) => i + 1));
    expect(events.some((event) => event.type === 'error')).toBe(false);
    const plain = valueOf(await rest.predict('sentiment', { kind: 'text', text: SENTENCE }));
    if (plain.output.kind !== 'sentiment') throw new Error('sentiment answered something else');
    expectLatestWinsUpdates(PARTIALS, updates().map(({ update }) => receivedUpdateOf(update)), sentimentOf(plain.output));
    for (const { latencyMs } of updates()) expect(latencyMs).toBeGreaterThan(0);
    const last: SentimentStreamUpdate = updates().at(-1)!.update;
    expect(last).not.toHaveProperty('id');
    expect(last.text).toBe(SENTENCE);
    expect({ model: last.model, output: last.output }).toEqual(withoutTiming(valueOf(await rest.predict('sentiment', { kind: 'text', text: SENTENCE }))));
    expect(events.filter((event) => event.type === 'state').map((event) => (event.type === 'state' ? event.state : ''))).toEqual(['connecting', 'open', 'closed']);
    expect(events[0]).toMatchObject({ type: 'state', state: 'connecting' });
  });

  it('reports a bad stream item with its seq and keeps the stream going', async () => {
    const events: StreamEvent[] = [];
    const session = ws.openSentimentStream!((event) => events.push(event));
    const answered = (seq: number) => events.some((event) => (event.type === 'update' && event.update.seq === seq) || (event.type === 'error' && event.seq === seq));
    // One at a time: pushed together, latest-wins could drop the blank text before it is ever checked.
    for (const [i, text] of ['good', '', 'great again'].entries()) {
      session.push(text);
      await expect.poll(() => answered(i + 1), { timeout: 10_000 }).toBe(true);
    }
    expect(events.some((event) => event.type === 'update' && event.update.seq === 3)).toBe(true);
    const error = events.find((event) => event.type === 'error');
    expect(error).toMatchObject({ seq: 2, error: { code: 'invalid_input', native: 'error message code=invalid_input' } });
    session.close();
  });
});

describe.skipIf(!hasSharedImagenet)('createWebSocketClient with the ImageNet model', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi({ modelsDir: SHARED_IMAGENET_DIR });
  });
  afterAll(() => api?.close({ removeData: true }));

  it('classifies the house finch in one binary frame as REST does; copy-as sends the same frame with Node and ws', async () => {
    const finch = sharedPhotos().find((photo) => photo.file === 'n01532829_house_finch.JPEG')!;
    const image = new Uint8Array(await readFile(finch.path));
    const ws = wsClient(api.url);
    const overWs = await ws.predict('mobilenetv2', { kind: 'image', image }, { topK: 3 });
    ws.close();
    const overRest = withoutTiming(valueOf(await createRestClient(api.url).predict('mobilenetv2', { kind: 'image', image }, { topK: 3 })));
    expect(withoutTiming(valueOf(overWs))).toEqual(overRest);
    expect(overRest.output).toMatchObject({ kind: 'classification', labels: [{ label: 'house finch' }, {}, {}] });
    expect(overWs.wire.request.bytes).toBeGreaterThan(image.length);
    expect(overWs.wire.request.bytes).toBeLessThan(image.length + 200); // no base64: the bytes as they are

    const dir = await makeTempDir('ws-copy');
    await copyFile(finch.path, path.join(dir, 'photo.jpg'));
    await symlink(path.resolve('node_modules'), path.join(dir, 'node_modules'));
    const { stdout } = await run('bash', ['-c', ws.copyAs('mobilenetv2', { kind: 'image', image }, { topK: 3 })], { cwd: dir });
    expect(JSON.parse(stdout)).toMatchObject({ id: '1', type: 'result', output: overRest.output });
  });
});

if (!hasSharedImagenet) skipReasonWithoutShared('the WebSocket client image test');
