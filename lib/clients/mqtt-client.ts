import type { ModelDescriptor, PredictionInput, PredictionResult, TrainResult } from '../contract';
import { createMqttConnection } from './mqtt-connection';
import { openMqttSentimentStream } from './mqtt-stream';
import { closedErrorOf, errorReplyOf, mosquittoCopyAs, noReply, receivedPublish, sentPublish, timeoutErrorOf } from './mqtt-wire';
import type { CallOutcome, ProtocolClient } from './protocol-client';
import { jsonInputFields } from './wire-format';

export interface MqttClientOptions {
  /** The broker's MQTT-over-WebSocket URL; by default ws(s)://host:port/mqtt of the API base URL (the embedded broker). */
  url?: string;
  /** The broker's TCP port for the mosquitto_pub/mosquitto_sub copy-as commands (MQTT_PORT, default 1883). */
  tcpPort?: number;
  /** How long a call waits for its reply (default 30 s). */
  timeoutMs?: number;
}

const TOPIC_PREFIX = 'modelwire/v1';
const modelTopic = (model: string, action: 'predict' | 'train') => `${TOPIC_PREFIX}/models/${model}/${action}`;

/** ws(s)://host:port/mqtt from the API's http(s) base URL. */
export const mqttWebSocketUrlOf = (baseUrl: string) => `${baseUrl.replace(/^http/, 'ws')}/mqtt`;

/** The reply's fields without the request/reply convention's `correlationId`. */
function valueOf<T>(reply: Record<string, unknown>): T {
  const { correlationId: _correlationId, ...value } = reply;
  return value as T;
}

/**
 * MQTT 3.1.1 through mqtt.js over WebSocket (the broker's /mqtt): request/reply as a topic convention — each request
 * is published at QoS 1 with `replyTo` (this client's reply topic, subscribed once) and a `correlationId` in its JSON.
 */
export function createMqttClient(baseUrl: string, options: MqttClientOptions = {}): ProtocolClient {
  const connection = createMqttConnection(options.url ?? mqttWebSocketUrlOf(baseUrl), options.timeoutMs ?? 30_000);
  let lastId = 0;
  const nextId = () => String(++lastId);

  async function call<T>(topic: string, fields: Record<string, unknown>): Promise<CallOutcome<T>> {
    const correlationId = nextId();
    const payload = { ...fields, replyTo: connection.replyTopic, correlationId };
    const text = JSON.stringify(payload);
    const request = sentPublish(topic, payload, text);
    const started = performance.now();
    const outcome = await connection.request(topic, text, correlationId);
    const roundTripMs = performance.now() - started;
    switch (outcome.kind) {
      case 'reply': {
        const wire = { request, response: receivedPublish(outcome.reply) };
        const reply = outcome.reply.json ?? {};
        if ('error' in reply) return { ok: false, error: errorReplyOf(reply), roundTripMs, wire };
        return { ok: true, value: valueOf<T>(reply), roundTripMs, wire };
      }
      case 'closed':
        return { ok: false, error: closedErrorOf(outcome.reason), roundTripMs, wire: { request, response: noReply('(the broker closed the connection: no reply)') } };
      case 'timeout':
        return { ok: false, error: timeoutErrorOf(outcome.timeoutMs), roundTripMs, wire: { request, response: noReply(`(no reply within ${outcome.timeoutMs} ms)`) } };
    }
  }

  function copyAs(model: string, input: PredictionInput, { topK }: { topK?: number } = {}): string {
    const { hostname } = new URL(baseUrl);
    const target = { host: hostname.replace(/^\[(.*)\]$/, '$1'), port: options.tcpPort ?? 1883 };
    const fields = input.kind === 'image' ? (topK === undefined ? {} : { topK }) : jsonInputFields(input, topK);
    const payload = { ...fields, replyTo: `${TOPIC_PREFIX}/replies/cli`, correlationId: 'cli-1' };
    return mosquittoCopyAs(target, modelTopic(model, 'predict'), payload, input.kind === 'image');
  }

  return {
    protocol: 'mqtt',
    async listModels(): Promise<ModelDescriptor[]> {
      const outcome = await call<{ models: ModelDescriptor[] }>(`${TOPIC_PREFIX}/models/list`, {});
      if (!outcome.ok) throw new Error(`MQTT models/list failed: ${outcome.error.message} (${outcome.error.native})`);
      return outcome.value.models;
    },
    predict: (model, input, { topK } = {}) => call<PredictionResult>(modelTopic(model, 'predict'), jsonInputFields(input, topK)),
    train: (model, { X, y, ridge }) => call<TrainResult>(modelTopic(model, 'train'), { X, y, ...(ridge === undefined ? {} : { ridge }) }),
    copyAs,
    openSentimentStream: (onEvent) => openMqttSentimentStream(connection, `${connection.clientId}-${nextId()}`, onEvent),
    close: () => connection.close(),
  };
}
