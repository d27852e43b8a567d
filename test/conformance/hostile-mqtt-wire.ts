import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';
import { createInbox } from './hostile-inbox';
import type { Outcome } from './hostile-shape';

// MQTT 3.1.1 by hand over a TCP socket (topics as raw bytes, announced lengths that lie, packets cut short), and an
// mqtt.js client that sends requests to its own reply topic and reports what came back, or that the broker hung up.

export type SocketResult = { data: Buffer; afterMs: number; ended: 'closed' | 'matched' | 'silence' };

/** Writes `chunks` to a fresh TCP connection and reads until it closes, `until(data)` holds, or `timeoutMs` passes. */
export function socketExchange(port: number, chunks: Buffer[], options: { timeoutMs?: number; until?: (data: Buffer) => boolean } = {}): Promise<SocketResult> {
  const { timeoutMs = 3000, until = () => false } = options;
  const started = performance.now();
  return new Promise((resolve) => {
    let data = Buffer.alloc(0);
    const socket = connect(port, '127.0.0.1', () => chunks.forEach((chunk) => socket.write(chunk)));
    const finish = (ended: SocketResult['ended']) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ data, afterMs: performance.now() - started, ended });
    };
    const timer = setTimeout(() => finish('silence'), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      if (until(data)) finish('matched');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => finish('closed'));
  });
}

/** MQTT's variable-length "remaining length"; `announced` may claim more bytes than follow. */
function remainingLength(length: number): Buffer {
  const bytes: number[] = [];
  do {
    let byte = length % 128;
    length = Math.floor(length / 128);
    if (length > 0) byte |= 0x80;
    bytes.push(byte);
  } while (length > 0);
  return Buffer.from(bytes);
}

const lengthPrefixed = (bytes: Buffer) => Buffer.concat([Buffer.from([bytes.length >> 8, bytes.length & 0xff]), bytes]);

export function mqttPacket(firstByte: number, body: Buffer, announced = body.length): Buffer {
  return Buffer.concat([Buffer.from([firstByte]), remainingLength(announced), body]);
}

/** CONNECT, MQTT 3.1.1, clean session, 60 s keep-alive, no credentials. */
export const connectPacket = (clientId: string) =>
  mqttPacket(0x10, Buffer.concat([lengthPrefixed(Buffer.from('MQTT')), Buffer.from([4, 0x02, 0, 60]), lengthPrefixed(Buffer.from(clientId))]));

/** PUBLISH at QoS 0 with the topic given as raw bytes; `announced` may claim a length other than the bytes given. */
export const publishPacket = (topic: Buffer, payload: Buffer, { announced, retain = false }: { announced?: number; retain?: boolean } = {}) =>
  mqttPacket(retain ? 0x31 : 0x30, Buffer.concat([lengthPrefixed(topic), payload]), announced);

/** SUBSCRIBE (packet id 1) to one filter given as raw bytes, QoS 0. */
export const subscribePacket = (filter: Buffer) => mqttPacket(0x82, Buffer.concat([Buffer.from([0, 1]), lengthPrefixed(filter), Buffer.from([0])]));

export const CONNACK_ACCEPTED = Buffer.from([0x20, 0x02, 0x00, 0x00]);

/** What the broker did after a CONNECT and the packets after it: its SUBACK return code, or that it hung up. */
export function brokerVerdict(result: SocketResult, sent: string): Outcome {
  const connack = result.data.subarray(0, 4);
  if (result.data.length >= 4 && !connack.equals(CONNACK_ACCEPTED)) return { kind: 'refused', native: `CONNACK return code ${connack[3]}` };
  const suback = result.data.indexOf(0x90, 4);
  if (suback >= 0 && result.data.length >= suback + 5) {
    const granted = result.data[suback + 4]!;
    return granted === 0x80 ? { kind: 'refused', native: 'SUBACK 0x80 (failure)' } : { kind: 'answer', native: `SUBACK granted QoS ${granted}`, text: sent };
  }
  if (result.ended === 'closed') return { kind: 'closed', native: `connection closed by the broker after ${sent}`, afterMs: result.afterMs };
  return { kind: 'silence', afterMs: result.afterMs };
}

export const REPLIES = 'modelwire/v1/replies';
/** The sentiment model's request topic, as the raw bytes a PUBLISH carries. */
export const PREDICT_TOPIC = Buffer.from('modelwire/v1/models/sentiment/predict');

interface Reply {
  topic: string;
  json: any;
}

function jsonOf(payload: Buffer): any {
  try {
    return JSON.parse(payload.toString('utf8'));
  } catch {
    return { unreadable: payload.toString('latin1') };
  }
}

/** An mqtt.js client subscribed to everything under its own reply topic, reconnecting (new socket) after the broker drops it. */
export function createMqttRequester(brokerUrl: () => string) {
  const clientId = `hostile-${randomUUID().slice(0, 8)}`;
  let client: MqttClient | undefined;
  const replies = createInbox<Reply>();
  let serial = 0;

  let connecting: Promise<MqttClient> | undefined;
  const current = (): Promise<MqttClient> => {
    if (client?.connected) return Promise.resolve(client);
    return (connecting ??= reconnect().finally(() => (connecting = undefined)));
  };

  const connectAs = (id: string) => mqtt.connectAsync(brokerUrl(), { clientId: id, protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 5000 }, false);

  async function reconnect(): Promise<MqttClient> {
    client?.end(true);
    client = await connectAs(clientId);
    client.on('message', (topic, payload) => replies.push({ topic, json: jsonOf(payload) }));
    client.on('close', () => replies.poke());
    client.on('error', () => undefined);
    await client.subscribeAsync(`${REPLIES}/${clientId}/#`, { qos: 1 });
    return client;
  }

  return {
    clientId,
    replyTopic: `${REPLIES}/${clientId}/r`,
    nextCorrelationId: () => `c${++serial}`,
    /** Publishes `payload` on `topic` and waits for the reply with `correlationId`, or an error on the errors topic (no usable replyTo). */
    async request(topic: string, payload: Buffer, correlationId: string | undefined, timeoutMs = 3000): Promise<Outcome> {
      const started = performance.now();
      const connection = await current();
      const since = replies.size;
      connection.publish(topic, payload, { qos: 1 }, () => undefined);
      const answers = ({ topic: at, json }: Reply) => at.endsWith('/errors') || (correlationId !== undefined && json.correlationId === correlationId);
      const result = await replies.wait(since, answers, () => !connection.connected, timeoutMs);
      if ('timeout' in result) return { kind: 'silence', afterMs: timeoutMs };
      if ('gone' in result) return { kind: 'closed', native: 'connection closed by the broker', afterMs: performance.now() - started };
      const { topic: at, json } = result.item;
      const where = at.endsWith('/errors') ? 'errors' : 'reply';
      const text = JSON.stringify(json);
      if (json.error) return { kind: 'error', code: String(json.error.code), native: `MQTT error reply on the ${where} topic`, text };
      return { kind: 'answer', native: `MQTT reply on the ${where} topic`, text };
    },
    /** SUBSCRIBE through mqtt.js, on a connection of its own: refused when the broker answers SUBACK 0x80. */
    async subscribe(filter: string): Promise<Outcome> {
      const subscriber = await connectAs(`${clientId}-sub`);
      try {
        const [grant] = await subscriber.subscribeAsync(filter, { qos: 0 });
        return { kind: 'answer', native: `SUBACK granted QoS ${grant?.qos}`, text: filter };
      } catch (error) {
        // mqtt.js rejects a subscription the broker refused, with the SUBACK in the error.
        if ((error as { packet?: { granted?: number[] } }).packet?.granted?.includes(0x80)) return { kind: 'refused', native: 'SUBACK 0x80 (failure)' };
        throw error;
      } finally {
        await subscriber.endAsync(true);
      }
    },
    close: () => client?.endAsync(true),
  };
}
