import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { skipWithoutMosquitto, useMosquitto } from './mqtt-support/mosquitto';
import { collect, ownReplyTopic, useMqttClient } from './mqtt-support/mqtt-requests';
import { useApi } from './support/use-api';

const REQUESTS = 50;

describe.skipIf(skipWithoutMosquitto())('two ModelWire replicas on one mosquitto broker ($share/modelwire/...)', () => {
  const broker = useMosquitto();
  for (let replica = 0; replica < 2; replica++) useApi(() => ({ mqttUrl: broker().url }));
  const client = useMqttClient(() => broker().url, 5);

  it(`split ${REQUESTS} requests between them: each answers some, none is answered twice`, async () => {
    const replyTo = ownReplyTopic(client(), randomUUID());
    const replies = await collect(client(), replyTo);
    const sent = Array.from({ length: REQUESTS }, (_, i) => `request-${i}`);
    await Promise.all(
      sent.map((id, i) =>
        client().publishAsync('modelwire/v1/models/sentiment/predict', JSON.stringify({ text: `review number ${i} was great` }), {
          qos: 1,
          properties: { responseTopic: replyTo, correlationData: Buffer.from(id) },
        }),
      ),
    );
    await replies.waitFor(REQUESTS);
    await new Promise((resolve) => setTimeout(resolve, 500)); // room for a duplicate to show up
    const answered = replies.messages.map((reply) => reply.packet.properties!.correlationData!.toString());
    expect(answered).toHaveLength(REQUESTS);
    expect(new Set(answered)).toEqual(new Set(sent));

    const servers = replies.messages.map((reply) => reply.packet.properties!.userProperties!['served-by'] as string);
    const counts = new Map<string, number>();
    for (const server of servers) counts.set(server, (counts.get(server) ?? 0) + 1);
    console.info('answers per replica:', Object.fromEntries(counts));
    expect(counts.size).toBe(2);
    for (const count of counts.values()) expect(count).toBeGreaterThan(0);
    expect(replies.messages.every((reply) => reply.json.output.kind === 'sentiment')).toBe(true);
  });
});
