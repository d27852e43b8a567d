import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createMqttClient } from '../lib/clients/mqtt-client';
import { skipWithoutMosquittoClients } from './mqtt-support/mosquitto';
import { itStreamsTyping } from './support/client-streams';
import { folderWithPhoto, runInShell } from './support/copy-as';
import { valueOf } from './support/outcomes';
import { houseFinch, SHARED_IMAGENET_DIR, skipWithoutSharedImagenet } from './support/shared-files';
import type { RunningApi } from './support/start-api';
import { useApi } from './support/use-api';

// What only the browser's MQTT client does (mqtt.js over WebSocket at /mqtt, MQTT 3.1.1 to the embedded broker): its
// PUBLISH in the wire view, its error replies, its reconnection, its stream, its mosquitto copy-as. Its answers are in
// test/conformance.

const tcpPortOf = (api: RunningApi) => Number(new URL(api.mqttUrl).port);
const mqttClient = (api: RunningApi) => createMqttClient(api.url, { tcpPort: tcpPortOf(api) });
const skipCopyAs = skipWithoutMosquittoClients();

describe('createMqttClient against the API server (embedded broker)', () => {
  const api = useApi();

  it('connects over WebSocket at /mqtt, and shows the PUBLISH it sent and the reply it got', async () => {
    expect(api().mqttWsUrl).toBe(`${api().url.replace('http', 'ws')}/mqtt`);
    const mqtt = mqttClient(api());
    const { wire } = await mqtt.predict('sentiment', { kind: 'text', text: 'Lovely' });
    expect(wire.request.summary).toBe('MQTT PUBLISH modelwire/v1/models/sentiment/predict qos=1');
    expect(JSON.parse(wire.request.body)).toMatchObject({ text: 'Lovely', replyTo: expect.stringMatching(/^modelwire\/v1\/replies\/modelwire-web-[0-9a-f]{8}$/) });
    expect(wire.response.summary).toMatch(/^MQTT PUBLISH modelwire\/v1\/replies\/modelwire-web-[0-9a-f]{8} qos=1$/);
    expect(wire.response.body).toContain('"label": "positive"');
    expect(wire.request.bytes).toBe(new TextEncoder().encode(JSON.stringify(JSON.parse(wire.request.body))).length);
    mqtt.close();
  });

  it('times connecting apart: the first call (or connect()) connects and subscribes, calls after it carry no connect time', async () => {
    const what = 'connected to the broker and subscribed to the reply topic';
    const mqtt = mqttClient(api());
    const first = await mqtt.predict('sentiment', { kind: 'text', text: 'Lovely' });
    expect(first.timing).toMatchObject({ connect: { what }, clock: 'page', server: { source: 'reply-timing-fields' } });
    expect(first.timing?.server?.totalMs).toBe(valueOf(first).timing.serverMs);
    expect((await mqtt.predict('sentiment', { kind: 'text', text: 'Lovely' })).timing?.connect).toBeUndefined();
    expect(await mqtt.connect!()).toBeUndefined();
    mqtt.close();
    const fresh = mqttClient(api());
    expect(await fresh.connect!()).toMatchObject({ what, ms: expect.any(Number) });
    expect((await fresh.predict('sentiment', { kind: 'text', text: 'Lovely' })).timing?.connect).toBeUndefined();
    fresh.close();
  });

  it('reads error replies on its reply topic, with the details they carry', async () => {
    const mqtt = mqttClient(api());
    const unknown = await mqtt.predict('no-such-model', { kind: 'text', text: 'hello' });
    expect(unknown.ok ? undefined : unknown.error).toMatchObject({ code: 'not_found', native: 'MQTT error reply code=not_found', message: expect.stringContaining('no-such-model') });
    expect(unknown.wire.response.body).toContain('"error"');
    const missing = await mqtt.predict('mobilenetv2', { kind: 'image', image: new Uint8Array([1, 2, 3]) });
    expect(missing.ok ? undefined : missing.error).toMatchObject({ code: 'not_installed', details: { installCommand: 'npm run models:fetch' } });
    mqtt.close();
  });

  it('connects again on the next call after close()', async () => {
    const mqtt = mqttClient(api());
    valueOf(await mqtt.predict('sentiment', { kind: 'text', text: 'Hello there' }));
    mqtt.close();
    expect(valueOf(await mqtt.predict('sentiment', { kind: 'text', text: 'Back again, and happy' })).output).toMatchObject({ label: 'positive' });
    mqtt.close();
  });

  it('throws when no broker answers, as the REST client does', async () => {
    await expect(createMqttClient('http://127.0.0.1:9').predict('sentiment', { kind: 'text', text: 'x' })).rejects.toThrow(/Could not connect to the MQTT broker at ws:\/\/127\.0\.0\.1:9\/mqtt/);
  });

  it.skipIf(skipCopyAs)('copyAs gives a mosquitto_rr command (one client: its own reply topic) that really works against the TCP port', async () => {
    const command = mqttClient(api()).copyAs('sentiment', { kind: 'text', text: "It's great" });
    expect(command).toContain(
      `mosquitto_rr -V mqttv311 -h 127.0.0.1 -p ${tcpPortOf(api())} -i 'modelwire-cli' -q 1 -W 30 -t 'modelwire/v1/models/sentiment/predict' -e 'modelwire/v1/replies/modelwire-cli' -m`,
    );
    const { stdout } = await runInShell(command);
    expect(JSON.parse(stdout)).toMatchObject({ correlationId: 'cli-1', output: { kind: 'sentiment', label: 'positive' } });
  });

  itStreamsTyping('MQTT', () => mqttClient(api()), { badItemNative: 'MQTT error reply code=invalid_input' });
});

describe.skipIf(skipWithoutSharedImagenet())('createMqttClient with the ImageNet model', () => {
  const api = useApi({ modelsDir: SHARED_IMAGENET_DIR });

  it('sends a photo as base64 in the JSON, shortened in the wire view; copy-as sends it with mosquitto_pub, replies read by mosquitto_sub', async () => {
    const image = new Uint8Array(await readFile(houseFinch().path));
    const mqtt = mqttClient(api());
    const outcome = await mqtt.predict('mobilenetv2', { kind: 'image', image }, { topK: 3 });
    mqtt.close();
    expect(outcome.wire.request.bytes).toBeGreaterThan((image.length * 4) / 3);
    expect(outcome.wire.request.body.length).toBeLessThan(1000);
    if (skipCopyAs) return;
    const { stdout } = await runInShell(mqtt.copyAs('mobilenetv2', { kind: 'image', image }, { topK: 3 }), await folderWithPhoto(houseFinch().path));
    expect(JSON.parse(stdout)).toMatchObject({ correlationId: 'cli-1', output: valueOf(outcome).output });
  });
});
