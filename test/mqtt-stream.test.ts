import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { collect, connectClient, requestJson, useMqttClient } from './mqtt-support/mqtt-requests';
import { TYPED_SENTENCE as SENTENCE, TYPED_PREFIXES as PARTIALS } from './support/live-stream';
import { useApi } from './support/use-api';

// A stream's topics name the client that owns it: the embedded broker lets only that client publish and read them.
const streamTopics = (clientId: string) => ({ in: `modelwire/v1/stream/${clientId}/in`, out: `modelwire/v1/stream/${clientId}/out` });
const topicsOf = (client: MqttClient) => streamTopics(client.options.clientId!);

describe('live sentiment streaming over MQTT (embedded broker)', () => {
  const api = useApi();
  const tcp = useMqttClient(() => api().mqttUrl);
  const ws = useMqttClient(() => api().mqttWsUrl!);

  for (const transport of ['tcp', 'ws'] as const) {
    it(`20 rapid partial texts over ${transport}: in order, latest wins, the last one scores the full text`, async () => {
      const client = (transport === 'tcp' ? tcp : ws)();
      const topics = topicsOf(client);
      const out = await collect(client, topics.out);
      await Promise.all(PARTIALS.map((text, i) => client.publishAsync(topics.in, JSON.stringify({ seq: i + 1, text }), { qos: 1 })));
      while (!out.messages.some((message) => message.json.seq === PARTIALS.length)) await out.waitFor(out.messages.length + 1);
      await new Promise((resolve) => setTimeout(resolve, 300)); // an update answered out of order would arrive after the last

      const updates = out.messages.map((message) => message.json);
      expect(updates.every((update) => update.type === 'update')).toBe(true);
      const seqs = updates.map((update) => update.seq);
      seqs.slice(1).forEach((seq, i) => expect(seq).toBeGreaterThan(seqs[i]!));
      for (const update of updates) expect(update.text).toBe(PARTIALS[update.seq - 1]);
      expect(updates.length + updates.reduce((sum, update) => sum + update.skipped, 0)).toBe(PARTIALS.length);

      const last = updates.at(-1)!;
      expect(last.seq).toBe(PARTIALS.length);
      expect(last.text).toBe(SENTENCE);
      const plain = await requestJson(client, 'modelwire/v1/models/sentiment/predict', { text: SENTENCE });
      expect(last.output).toEqual(plain.json.output);
      expect(last.model).toEqual(plain.json.model);
      console.info(`${transport}: ${updates.length} updates for ${PARTIALS.length} partial texts`);
    });
  }

  it('reports bad items per seq and keeps the stream open', async () => {
    const typist = await connectClient(api().mqttUrl);
    const topics = topicsOf(typist);
    const out = await collect(typist, topics.out);
    const send = async (payload: string) => {
      const before = out.messages.length;
      await typist.publishAsync(topics.in, payload, { qos: 1 });
      return (await out.waitFor(before + 1))[before]!.json;
    };
    expect(await send(JSON.stringify({ seq: 1, text: 'good' }))).toMatchObject({ type: 'update', seq: 1, text: 'good' });
    expect(await send(JSON.stringify({ seq: 2, text: '' }))).toMatchObject({ type: 'error', seq: 2, error: { code: 'invalid_input' } });
    expect(await send(JSON.stringify({ seq: 2, text: 'again' }))).toMatchObject({ type: 'error', seq: 2, error: { code: 'invalid_input' } });
    expect(await send('{"seq": 3, "text": ')).toMatchObject({ type: 'error', seq: null, error: { code: 'invalid_input' } });
    expect(await send(JSON.stringify({ text: 'great' }))).toMatchObject({ type: 'update', seq: 3, text: 'great' });
    expect(await send(JSON.stringify({ close: true }))).toEqual({ type: 'closed', reason: 'client' });
    await typist.endAsync();
  });

  it('closes the stream when its client vanishes, through the client\'s will message', async () => {
    // Only the typist may read its out topic, so it keeps a session (clean: false) that holds the `closed` message for it.
    const clientId = `typist-${randomUUID().slice(0, 8)}`;
    const topics = streamTopics(clientId);
    const will = { topic: topics.in, payload: Buffer.from('{"close": true}'), qos: 1 as const, retain: false };
    const typist = await connectClient(api().mqttUrl, 4, { clientId, clean: false, will });
    const out = await collect(typist, topics.out);
    await typist.publishAsync(topics.in, JSON.stringify({ text: 'hello there' }), { qos: 1 });
    await out.waitFor(1);
    typist.stream.destroy(); // no DISCONNECT packet: the broker publishes the will
    typist.end(true);

    const back = mqtt.connect(api().mqttUrl, { clientId, clean: false, protocolVersion: 4, reconnectPeriod: 0 });
    const queued = new Promise<unknown>((resolve) => back.on('message', (_topic, payload) => resolve(JSON.parse(payload.toString()))));
    expect(await queued).toEqual({ type: 'closed', reason: 'client' });
    await back.endAsync();
  });
});
