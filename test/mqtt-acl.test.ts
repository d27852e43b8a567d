import { randomUUID } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { collect, connectClient, grantedQos, ownReplyTopic, publishOutcome, requestJson, useMqttClient } from './mqtt-support/mqtt-requests';
import { connectPacket, publishPacket, rawConnect, subscribePacket } from './mqtt-support/raw-mqtt';
import { useApi } from './support/use-api';

// The embedded broker's access control, with AUTH off (its default on loopback): each client reads only its own
// answers and publishes only requests.

const PREDICT = 'modelwire/v1/models/sentiment/predict';
const MIB = 1024 * 1024;
const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

async function expectStillServing(client: MqttClient) {
  expect((await requestJson(client, PREDICT, { text: 'Still working, and it is great.' })).json.output.kind).toBe('sentiment');
}

describe('MQTT access control on the embedded broker (AUTH off)', () => {
  const api = useApi();
  const victim = useMqttClient(() => api().mqttUrl);
  const other = useMqttClient(() => api().mqttUrl);
  const tcpPort = () => Number(new URL(api().mqttUrl).port);

  it('refuses #, modelwire/#, wildcards over clients, other clients\' topics and $SYS with SUBACK 0x80', async () => {
    const victimId = victim().options.clientId!;
    const refused = ['#', 'modelwire/#', 'modelwire/v1/replies/+', `modelwire/v1/replies/${victimId}`, `modelwire/v1/stream/${victimId}/out`,
      'modelwire/v1/stream/+/out', 'modelwire/v1/errors', 'modelwire/v1/models/+/predict', 'ml/input', '$SYS/#'];
    expect(await grantedQos(other(), refused)).toEqual(refused.map(() => 128));
    expect(await grantedQos(other(), [ownReplyTopic(other(), '#'), `modelwire/v1/stream/${other().options.clientId}/out`, 'ml/output'])).toEqual([1, 1, 1]);
  });

  it('so a client that tried # reads nothing of another client\'s requests and replies', async () => {
    const eavesdropper = await connectClient(api().mqttUrl);
    const overheard: string[] = [];
    eavesdropper.on('message', (topic) => overheard.push(topic));
    await grantedQos(eavesdropper, ['#', 'modelwire/#']);
    await requestJson(victim(), PREDICT, { text: 'A private thought' });
    await settle();
    expect(overheard).toEqual([]);
    await eavesdropper.endAsync();
  });

  it('its own reply topic works, and a request may name only a reply topic of its own client', async () => {
    await expectStillServing(other());
    const errors = await collect(other(), ownReplyTopic(other(), 'errors'));
    const victimReplies = await collect(victim(), ownReplyTopic(victim()));
    await other().publishAsync(PREDICT, JSON.stringify({ text: 'fake news', replyTo: ownReplyTopic(victim()), correlationId: 1 }), { qos: 1 });
    const [refusal] = await errors.waitFor(1);
    expect(refusal!.json.error).toMatchObject({ code: 'forbidden', message: expect.stringContaining(ownReplyTopic(other())) });
    expect(refusal!.json.topic).toBe(PREDICT);
    await settle();
    expect(victimReplies.messages).toEqual([]);
  });

  it('publishing a fake reply, on another client\'s stream or on a reply topic closes the connection without a PUBACK', async () => {
    const victimId = victim().options.clientId!;
    const victimReplies = await collect(victim(), ownReplyTopic(victim()));
    const fake = JSON.stringify({ correlationId: 1, output: { kind: 'sentiment', label: 'negative' } });
    for (const topic of [ownReplyTopic(victim()), `modelwire/v1/stream/${victimId}/out`, `modelwire/v1/stream/${victimId}/in`, 'ml/output', 'modelwire/v1/errors', '$SYS/x', 'any/topic']) {
      const forger = await connectClient(api().mqttUrl);
      expect(await publishOutcome(forger, topic, fake), topic).toBe('connection closed');
    }
    const retainer = await connectClient(api().mqttUrl);
    const retained = new Promise<void>((resolve) => retainer.once('close', () => resolve()));
    retainer.publish(PREDICT, JSON.stringify({ text: 'again and again', replyTo: ownReplyTopic(retainer) }), { qos: 1, retain: true });
    await retained;
    retainer.end(true);
    await settle();
    expect(victimReplies.messages).toEqual([]);
    await expectStillServing(victim());
  });

  it('refuses a client id that could reach another topic level (CONNACK 2, identifier rejected)', async () => {
    for (const clientId of ['a/b', 'a+b', 'x#']) {
      await expect(connectClient(api().mqttUrl, 4, { clientId }), clientId).rejects.toMatchObject({ code: 2 });
    }
    await expectStillServing(victim());
  });

  it('refuses a topic that is not UTF-8: the publish closes the connection, the subscription gets 0x80', async () => {
    const clientId = `raw-${randomUUID().slice(0, 8)}`;
    const subscriber = await rawConnect(tcpPort(), clientId);
    subscriber.socket.write(subscribePacket(Buffer.concat([Buffer.from(`modelwire/v1/replies/${clientId}/`), Buffer.from([0xff, 0xfe])])));
    await settle();
    expect(subscriber.received()).toEqual(Buffer.from([0x90, 3, 0, 2, 0x80])); // SUBACK, packet id 2: failure
    subscriber.socket.destroy();

    const publisher = await rawConnect(tcpPort(), clientId);
    const topic = Buffer.concat([Buffer.from('modelwire/v1/models/'), Buffer.from([0xc3, 0x28]), Buffer.from('/predict')]);
    publisher.socket.write(publishPacket(topic, Buffer.from(JSON.stringify({ text: 'hi', replyTo: `modelwire/v1/replies/${clientId}` }))));
    expect(await publisher.closedWithin(2000)).toBe(true);
    expect(publisher.received()).toEqual(Buffer.alloc(0)); // no PUBACK
  });

  it('closes a TCP connection whose PUBLISH announces 250 MB as soon as the header arrives, buffering nothing', async () => {
    const client = await rawConnect(tcpPort(), `big-${randomUUID().slice(0, 8)}`);
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    client.socket.write(publishPacket(Buffer.from(PREDICT), Buffer.alloc(0), 250 * MIB));
    const chunk = Buffer.alloc(MIB, 0x61);
    let sent = 0;
    while (sent < 64 * MIB && !client.socket.destroyed) {
      sent += chunk.length;
      if (!client.socket.write(chunk)) await Promise.race([new Promise((resolve) => client.socket.once('drain', resolve)), client.closedWithin(2000)]);
    }
    expect(await client.closedWithin(2000)).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(sent).toBeLessThan(64 * MIB);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(32 * MIB);
    await expectStillServing(victim());
  });

  it('closes MQTT over WebSocket the same way, however the packet is split into WebSocket messages', async () => {
    const socket = new WebSocket(api().mqttWsUrl!, 'mqtt');
    socket.on('error', () => {});
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(connectPacket(`big-ws-${randomUUID().slice(0, 8)}`));
    await new Promise((resolve) => socket.once('message', resolve)); // CONNACK
    const rssBefore = process.memoryUsage().rss;
    socket.send(publishPacket(Buffer.from(PREDICT), Buffer.alloc(0), 250 * MIB));
    const chunk = Buffer.alloc(MIB, 0x61);
    let sent = 0;
    for (; sent < 32 && socket.readyState === WebSocket.OPEN; sent++) await new Promise((resolve) => socket.send(chunk, resolve));
    expect(await Promise.race([closed.then(() => 'closed'), settle().then(() => 'open')])).toBe('closed');
    expect(sent).toBeLessThan(32);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(32 * MIB);
    await expectStillServing(victim());
  });
});
