import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import type { PredictionInput, PredictionOutput } from '../../../lib/contract';
import { withVersion } from '../package-version';
import { answerOfOutput, base64Of, encodedOnce, firstOf, seedEncodedOnce, unexpected } from './answers';
import { failedCall, type Lane } from './lane';

const SEED_INPUT = 'ml/input';
const SEED_OUTPUT = 'ml/output';

interface Reply {
  correlationId?: number;
  prediction?: number;
  output?: PredictionOutput;
  error?: { code?: string };
}

const payloadOf = (input: PredictionInput) =>
  input.kind === 'text' ? { text: input.text } : input.kind === 'features' ? { features: firstOf(input.rows, 'row') } : { image: base64Of(input.image) };

export const mqttLane: Lane = {
  protocol: 'mqtt',
  client: `${withVersion('mqtt')} client, MQTT 3.1.1, QoS 1 both ways, TCP noDelay on (mqtt.js leaves Nagle on)`,
  seedCall: 'publish ml/input {"feature1", "feature2", "replyTo", "correlationId"} → ml/output {"correlationId", "prediction"}',
  predictCall: 'publish modelwire/v1/models/{name}/predict {input, replyTo, correlationId}; images as base64 in the JSON',
  async connect({ host, port }) {
    const clientId = `bench-${randomUUID().slice(0, 8)}`;
    const replyTopic = `modelwire/v1/replies/${clientId}`;
    const client = await mqtt.connectAsync(`mqtt://${host}:${port}`, { clientId, protocolVersion: 4, clean: true, reconnectPeriod: 0 }, false);
    (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
    await client.subscribeAsync([SEED_OUTPUT, replyTopic], { qos: 1 });

    const pending = new Map<number, { resolve(reply: Reply): void; reject(error: Error): void }>();
    let nextCorrelation = 1;
    client.on('message', (_topic, payload) => {
      const reply = JSON.parse(payload.toString()) as Reply;
      const waiting = reply.correlationId === undefined ? undefined : pending.get(reply.correlationId);
      if (!waiting) return;
      pending.delete(reply.correlationId!);
      if (reply.error) waiting.reject(failedCall(`MQTT error reply: ${payload.toString().slice(0, 300)}`, reply.error.code === 'overloaded'));
      else waiting.resolve(reply);
    });
    client.on('close', () => {
      for (const waiting of pending.values()) waiting.reject(new Error('the MQTT connection closed'));
      pending.clear();
    });

    // Each message is encoded once but for its last member, the correlationId, which changes from call to call.
    const withReplyTo = (body: object) => Buffer.from(JSON.stringify({ ...body, replyTo: replyTopic }).slice(0, -1));
    // ModelWire keeps a correlationId only beside a replyTo (its answer still goes to ml/output); the floor ignores it.
    const seedHead = seedEncodedOnce((feature1, feature2) => withReplyTo({ feature1, feature2 }));
    const predictMessage = encodedOnce((model, input) => ({ topic: `modelwire/v1/models/${model}/predict`, head: withReplyTo(payloadOf(input)) }));
    const request = (topic: string, head: Buffer) =>
      new Promise<Reply>((resolve, reject) => {
        const correlationId = nextCorrelation++;
        pending.set(correlationId, { resolve, reject });
        client.publish(topic, Buffer.concat([head, Buffer.from(`,"correlationId":${correlationId}}`)]), { qos: 1 });
      });

    return {
      async seed(feature1, feature2) {
        const reply = await request(SEED_INPUT, seedHead(feature1, feature2));
        return typeof reply.prediction === 'number' ? reply.prediction : unexpected('MQTT seed reply', reply);
      },
      async predict(model, input) {
        const { topic, head } = predictMessage(model, input);
        const reply = await request(topic, head);
        return reply.output ? answerOfOutput(reply.output) : unexpected('MQTT reply', reply);
      },
      close: () => client.endAsync(),
    };
  },
};
