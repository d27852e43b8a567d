import { execFile } from 'node:child_process';
import { copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMqttClient } from '../lib/clients/mqtt-client';
import type { CallOutcome, ProtocolClient, StreamEvent } from '../lib/clients/protocol-client';
import { createRestClient } from '../lib/clients/rest-client';
import type { PredictionResult, SentimentStreamUpdate } from '../lib/contract';
import { MOSQUITTO_PUB, MOSQUITTO_SUB } from './mqtt-support/mosquitto';
import { EXACT_X, EXACT_Y } from './support/linear-fixture';
import { hasSharedImagenet, SHARED_IMAGENET_DIR, sharedPhotos, skipReasonWithoutShared } from './support/shared-files';
import { makeTempDir, startApi, type RunningApi } from './support/start-api';
import { expectLatestWinsUpdates, receivedUpdateOf, sentimentOf, TYPED_SENTENCE as SENTENCE, TYPED_PREFIXES as PARTIALS } from './support/live-stream';

// The browser's MQTT client (mqtt.js over WebSocket at /mqtt, MQTT 3.1.1 to the embedded broker) against the real
// server, checked against the REST client's answers for the same calls.

const SENTENCES = ['I love machine learning!', 'This was a terrible, boring waste of time.', 'The package arrived on Tuesday.'];
const run = promisify(execFile);
const hasMosquittoClients = Boolean(MOSQUITTO_PUB && MOSQUITTO_SUB);

function valueOf<T>(outcome: CallOutcome<T>): T {
  if (!outcome.ok) throw new Error(`expected success, got ${outcome.error.native}: ${outcome.error.message}`);
  return outcome.value;
}

const withoutTiming = ({ model, output }: PredictionResult) => ({ model, output });
const tcpPortOf = (api: RunningApi) => Number(new URL(api.mqttUrl).port);

describe('createMqttClient against the API server (embedded broker)', () => {
  let api: RunningApi;
  let mqtt: ProtocolClient;
  let rest: ProtocolClient;
  beforeAll(async () => {
    api = await startApi();
    mqtt = createMqttClient(api.url, { tcpPort: tcpPortOf(api) });
    rest = createRestClient(api.url);
  });
  afterAll(async () => {
    mqtt?.close();
    await api?.close({ removeData: true });
  });

  it('connects to the broker over WebSocket at /mqtt and lists the same models as REST', async () => {
    expect(api.mqttWsUrl).toBe(`${api.url.replace('http', 'ws')}/mqtt`);
    expect(await mqtt.listModels()).toEqual(await rest.listModels());
  });

  it('predicts sentiment exactly as REST does, and shows the PUBLISH it sent and the reply it got', async () => {
    const answers = await Promise.all(SENTENCES.map((text) => mqtt.predict('sentiment', { kind: 'text', text })));
    for (const [i, text] of SENTENCES.entries()) {
      expect(withoutTiming(valueOf(answers[i]!))).toEqual(withoutTiming(valueOf(await rest.predict('sentiment', { kind: 'text', text }))));
    }
    const { wire } = await mqtt.predict('sentiment', { kind: 'text', text: 'Lovely' });
    expect(wire.request.summary).toBe('MQTT PUBLISH modelwire/v1/models/sentiment/predict qos=1');
    expect(JSON.parse(wire.request.body)).toMatchObject({ text: 'Lovely', replyTo: expect.stringMatching(/^modelwire\/v1\/replies\/modelwire-web-[0-9a-f]{8}$/) });
    expect(wire.response.summary).toMatch(/^MQTT PUBLISH modelwire\/v1\/replies\/modelwire-web-[0-9a-f]{8} qos=1$/);
    expect(wire.response.body).toContain('"label": "positive"');
    expect(wire.request.bytes).toBe(new TextEncoder().encode(JSON.stringify(JSON.parse(wire.request.body))).length);
  });

  it('trains a linear model and predicts rows with it, as REST answers', async () => {
    const trained = valueOf(await mqtt.train('mqtt-client', { X: EXACT_X, y: EXACT_Y }));
    expect(trained).toMatchObject({ model: { name: 'mqtt-client', version: 1 }, samples: EXACT_X.length, featureCount: 2 });
    expect(trained).not.toHaveProperty('correlationId');
    expect(trained.intercept).toBeCloseTo(1, 4);
    const rows = [[1, 2], [10, -3]];
    const [overMqtt, overRest] = [await mqtt.predict('mqtt-client', { kind: 'features', rows }), await rest.predict('mqtt-client', { kind: 'features', rows })];
    expect(withoutTiming(valueOf(overMqtt))).toEqual(withoutTiming(valueOf(overRest)));
  });

  it('answers errors as MQTT error replies on the reply topic', async () => {
    const unknown = await mqtt.predict('no-such-model', { kind: 'text', text: 'hello' });
    expect(unknown.ok ? undefined : unknown.error).toMatchObject({ code: 'not_found', native: 'MQTT error reply code=not_found', message: expect.stringContaining('no-such-model') });
    expect(unknown.wire.response.body).toContain('"error"');
    const missing = await mqtt.predict('mobilenetv2', { kind: 'image', image: new Uint8Array([1, 2, 3]) });
    expect(missing.ok ? undefined : missing.error).toMatchObject({ code: 'not_installed', details: { installCommand: 'npm run models:fetch' } });
    const empty = await mqtt.predict('sentiment', { kind: 'text', text: '' });
    expect(empty.ok ? undefined : empty.error.code).toBe('invalid_input');
  });

  it('connects again on the next call after close()', async () => {
    mqtt.close();
    expect(valueOf(await mqtt.predict('sentiment', { kind: 'text', text: 'Back again, and happy' })).output).toMatchObject({ label: 'positive' });
  });

  it('throws when no broker answers, as the REST client does', async () => {
    await expect(createMqttClient('http://127.0.0.1:9').predict('sentiment', { kind: 'text', text: 'x' })).rejects.toThrow(/Could not connect to the MQTT broker at ws:\/\/127\.0\.0\.1:9\/mqtt/);
  });

  it.skipIf(!hasMosquittoClients)('copyAs gives mosquitto_sub + mosquitto_pub commands that really work against the TCP port', async () => {
    const command = mqtt.copyAs('sentiment', { kind: 'text', text: "It's great" });
    expect(command).toContain(`mosquitto_pub -h 127.0.0.1 -p ${tcpPortOf(api)} -t 'modelwire/v1/models/sentiment/predict' -q 1 -m`);
    const { stdout } = await run('bash', ['-c', command]);
    expect(JSON.parse(stdout)).toMatchObject({ correlationId: 'cli-1', output: { kind: 'sentiment', label: 'positive' } });
  });

  it('streams 20 rapid texts: updates in increasing seq, the last one scoring the full text as predict does', async () => {
    const events: StreamEvent[] = [];
    const session = mqtt.openSentimentStream!((event) => events.push(event));
    for (const text of PARTIALS) session.push(text);
    const updates = () => events.flatMap((event) => (event.type === 'update' ? [event] : []));
    await expect.poll(() => updates().at(-1)?.update.seq, { timeout: 20_000 }).toBe(PARTIALS.length);
    await new Promise((resolve) => setTimeout(resolve, 300)); // an update out of order would arrive after the last
    session.close();

    expect(events.some((event) => event.type === 'error')).toBe(false);
    const plain = valueOf(await rest.predict('sentiment', { kind: 'text', text: SENTENCE }));
    if (plain.output.kind !== 'sentiment') throw new Error('sentiment answered something else');
    expectLatestWinsUpdates(PARTIALS, updates().map(({ update }) => receivedUpdateOf(update)), sentimentOf(plain.output));
    for (const { latencyMs } of updates()) expect(latencyMs).toBeGreaterThan(0);
    const last: SentimentStreamUpdate = updates().at(-1)!.update;
    expect(last).not.toHaveProperty('type');
    expect(last.text).toBe(SENTENCE);
    expect({ model: last.model, output: last.output }).toEqual(withoutTiming(valueOf(await rest.predict('sentiment', { kind: 'text', text: SENTENCE }))));
    expect(events.filter((event) => event.type === 'state').map((event) => (event.type === 'state' ? event.state : ''))).toEqual(['connecting', 'open', 'closed']);
    expect(events[0]).toMatchObject({ type: 'state', state: 'connecting' });
    console.info(`MQTT stream: ${updates().length} updates for ${PARTIALS.length} texts`);
  });

  it('reports a bad stream item with its seq and keeps the stream going', async () => {
    const events: StreamEvent[] = [];
    const session = mqtt.openSentimentStream!((event) => events.push(event));
    const answered = (seq: number) => events.some((event) => (event.type === 'update' && event.update.seq === seq) || (event.type === 'error' && event.seq === seq));
    for (const [i, text] of ['good', '', 'great again'].entries()) {
      session.push(text);
      await expect.poll(() => answered(i + 1), { timeout: 10_000 }).toBe(true);
    }
    expect(events.find((event) => event.type === 'error')).toMatchObject({ seq: 2, error: { code: 'invalid_input', native: 'MQTT error reply code=invalid_input' } });
    expect(events.some((event) => event.type === 'update' && event.update.seq === 3)).toBe(true);
    session.close();
  });
});

describe.skipIf(!hasSharedImagenet)('createMqttClient with the ImageNet model', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi({ modelsDir: SHARED_IMAGENET_DIR });
  });
  afterAll(() => api?.close({ removeData: true }));

  it('classifies the house finch (base64 in the JSON) as REST does; copy-as publishes it with mosquitto_pub', async () => {
    const finch = sharedPhotos().find((photo) => photo.file === 'n01532829_house_finch.JPEG')!;
    const image = new Uint8Array(await readFile(finch.path));
    const mqtt = createMqttClient(api.url, { tcpPort: tcpPortOf(api) });
    const overMqtt = await mqtt.predict('mobilenetv2', { kind: 'image', image }, { topK: 3 });
    const overRest = withoutTiming(valueOf(await createRestClient(api.url).predict('mobilenetv2', { kind: 'image', image }, { topK: 3 })));
    expect(withoutTiming(valueOf(overMqtt))).toEqual(overRest);
    expect(overRest.output).toMatchObject({ kind: 'classification', labels: [{ label: 'house finch' }, {}, {}] });
    expect(overMqtt.wire.request.bytes).toBeGreaterThan((image.length * 4) / 3);
    expect(overMqtt.wire.request.body.length).toBeLessThan(1000); // the base64 shortened for display

    if (!hasMosquittoClients) return console.warn('skipping the mosquitto_pub image copy-as: mosquitto-clients not installed');
    const dir = await makeTempDir('mqtt-copy');
    await copyFile(finch.path, path.join(dir, 'photo.jpg'));
    const { stdout } = await run('bash', ['-c', mqtt.copyAs('mobilenetv2', { kind: 'image', image }, { topK: 3 })], { cwd: dir });
    mqtt.close();
    expect(JSON.parse(stdout)).toMatchObject({ correlationId: 'cli-1', output: overRest.output });
  });
});

if (!hasSharedImagenet) skipReasonWithoutShared('the MQTT client image test');
if (!hasMosquittoClients) console.warn('skipping the MQTT copy-as test: mosquitto_pub/mosquitto_sub not installed (apt-get install mosquitto-clients)');
