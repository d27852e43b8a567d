import { randomUUID } from 'node:crypto';
import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt';
import { afterAll, beforeAll } from 'vitest';

// mqtt.js as a ModelWire client would use it: request/reply over topics, MQTT 5 properties or 3.1.1 JSON fields.

export interface Received {
  topic: string;
  json: any;
  packet: IPublishPacket;
}

export const connectClient = (url: string, protocolVersion: 4 | 5 = 4, options: mqtt.IClientOptions = {}) =>
  mqtt.connectAsync(url, { clientId: `test-${randomUUID().slice(0, 8)}`, protocolVersion, reconnectPeriod: 0, connectTimeout: 5000, ...options }, false);

/** An mqtt.js client connected to `url()` before the enclosing describe's tests, and ended after them. */
export function useMqttClient(url: () => string, protocolVersion: 4 | 5 = 4, options: mqtt.IClientOptions = {}): () => MqttClient {
  let client: MqttClient | undefined;
  beforeAll(async () => {
    client = await connectClient(url(), protocolVersion, options);
  });
  afterAll(() => client?.endAsync());
  return () => client!;
}

/** Every message arriving on `filter` from now on (subscribe first, then publish what should produce them). */
export async function collect(client: MqttClient, filter: string) {
  const messages: Received[] = [];
  const waiters: Array<() => void> = [];
  client.on('message', (topic, payload, packet) => {
    if (!topicMatches(filter, topic)) return;
    messages.push({ topic, json: JSON.parse(payload.toString('utf8')), packet });
    waiters.splice(0).forEach((wake) => wake());
  });
  await client.subscribeAsync(filter, { qos: 1 });
  return {
    messages,
    /** Resolves once `count` messages have arrived, failing after `timeoutMs`. */
    async waitFor(count: number, timeoutMs = 15_000): Promise<Received[]> {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${count} messages on ${filter}, got ${messages.length}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return messages;
    },
  };
}

function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}

/** The client's own reply topic (the only one the embedded broker lets it read), with `below` as a further level. */
export const ownReplyTopic = (client: MqttClient, below?: string) =>
  `modelwire/v1/replies/${client.options.clientId}${below === undefined ? '' : `/${below}`}`;

/** MQTT 5: the reply topic and correlation data ride as properties; the payload is just the request. */
export async function requestV5(client: MqttClient, topic: string, body: unknown, payload = JSON.stringify(body)): Promise<Received> {
  const replyTo = ownReplyTopic(client, randomUUID());
  const correlationData = Buffer.from(randomUUID());
  const replies = await collect(client, replyTo);
  await client.publishAsync(topic, payload, { qos: 1, properties: { responseTopic: replyTo, correlationData } });
  const [reply] = await replies.waitFor(1);
  if (!reply!.packet.properties?.correlationData?.equals(correlationData)) throw new Error('reply lost its correlation data');
  return reply!;
}

/** MQTT 3.1.1: the reply topic and correlation id ride in the JSON payload. */
export async function requestJson(client: MqttClient, topic: string, body: Record<string, unknown>): Promise<Received> {
  const replyTo = ownReplyTopic(client, randomUUID());
  const correlationId = randomUUID();
  const replies = await collect(client, replyTo);
  await client.publishAsync(topic, JSON.stringify({ ...body, replyTo, correlationId }), { qos: 1 });
  const [reply] = await replies.waitFor(1);
  if (reply!.json.correlationId !== correlationId) throw new Error(`reply carries correlationId ${reply!.json.correlationId}, sent ${correlationId}`);
  return reply!;
}

/**
 * What became of a QoS 1 publish: acknowledged, or refused the only way MQTT 3.1.1 can — the broker closes the
 * connection without a PUBACK [MQTT-3.3.5-2].
 */
export async function publishOutcome(client: MqttClient, topic: string, payload: string | Buffer): Promise<'acknowledged' | 'connection closed'> {
  const closed = new Promise<'connection closed'>((resolve) => client.once('close', () => resolve('connection closed')));
  const acknowledged = new Promise<'acknowledged'>((resolve) => client.publish(topic, payload, { qos: 1 }, (error) => !error && resolve('acknowledged')));
  const outcome = await Promise.race([closed, acknowledged]);
  if (outcome === 'connection closed') client.end(true);
  return outcome;
}

/** The QoS the broker granted each filter: 128 (0x80) means refused. */
export async function grantedQos(client: MqttClient, filters: string[]): Promise<number[]> {
  try {
    return (await client.subscribeAsync(filters, { qos: 1 })).map((grant) => grant.qos);
  } catch (error) {
    // mqtt.js rejects when any filter is refused, with the SUBACK attached.
    const granted = (error as { packet?: { granted?: number[] } }).packet?.granted;
    if (!granted) throw error;
    return granted;
  }
}
