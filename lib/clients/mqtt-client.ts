import type { ModelDescriptor, PredictionInput, PredictionResult, TrainResult } from '../contract';
import { shortToken } from './authorization-header';
import { credentials as sharedCredentials, type CredentialOption } from './credentials';
import { createMqttConnection, type MqttConnection } from './mqtt-connection';
import { openMqttSentimentStream } from './mqtt-stream';
import { closedErrorOf, connackRefusal, errorReplyOf, mosquittoCopyAs, noReply, receivedPublish, refusedErrorOf, sentPublish, timeoutErrorOf } from './mqtt-wire';
import type { CallOutcome, ProtocolClient } from './protocol-client';
import { jsonInputFields } from './wire-format';

export interface MqttClientOptions extends CredentialOption {
  /** The broker's MQTT-over-WebSocket URL; by default ws(s)://host:port/mqtt of the API base URL (the embedded broker). */
  url?: string;
  /** The broker's TCP port for the mosquitto_rr copy-as command (MQTT_PORT, default 1883). */
  tcpPort?: number;
  /** How long a call waits for its reply (default 30 s). */
  timeoutMs?: number;
}

const TOPIC_PREFIX = 'modelwire/v1';
/** The client id of copy-as commands, and so the level of their reply topic. */
const CLI_CLIENT_ID = 'modelwire-cli';
const modelTopic = (model: string, action: 'predict' | 'train') => `${TOPIC_PREFIX}/models/${model}/${action}`;

/** ws(s)://host:port/mqtt from the API's http(s) base URL. */
export const mqttWebSocketUrlOf = (baseUrl: string) => `${baseUrl.replace(/^http/, 'ws')}/mqtt`;

/** Where the token went: the CONNECT packet of the connection the request was published on. */
const connectedWith = (username: string, token: string): [string, string] => ['connected with', `CONNECT username=${username} password=${shortToken(token)}`];

/** The reply's fields without the request/reply convention's `correlationId`. */
function valueOf<T>(reply: Record<string, unknown>): T {
  const { correlationId: _correlationId, ...value } = reply;
  return value as T;
}

/**
 * MQTT 3.1.1 through mqtt.js over WebSocket (the broker's /mqtt): request/reply as a topic convention — each request
 * is published at QoS 1 with `replyTo` (this client's reply topic, subscribed once) and a `correlationId` in its JSON.
 * Signed in, CONNECT carries the user name and the token as the password; a new token means a new connection.
 */
export function createMqttClient(baseUrl: string, options: MqttClientOptions = {}): ProtocolClient {
  const url = options.url ?? mqttWebSocketUrlOf(baseUrl);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const credentials = options.credentials ?? sharedCredentials;
  const connection = createMqttConnection(url, timeoutMs, credentials);
  /** Each live stream's own connection (its client id names the stream), closed with the stream or with this client. */
  const streamConnections = new Set<MqttConnection>();
  const stopWatchingCredentials = credentials.subscribe(() => {
    connection.close();
    for (const streamConnection of streamConnections) streamConnection.close();
  });
  let lastId = 0;
  const nextId = () => String(++lastId);

  async function call<T>(topic: string, fields: Record<string, unknown>): Promise<CallOutcome<T>> {
    const correlationId = nextId();
    const payload = { ...fields, replyTo: connection.replyTopic, correlationId };
    const text = JSON.stringify(payload);
    const sent = sentPublish(topic, payload, text);
    const credential = credentials.get();
    const request = credential ? { ...sent, headers: [...sent.headers, connectedWith(credential.username, credential.token)] } : sent;
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
      case 'refused':
        return { ok: false, error: refusedErrorOf(outcome.returnCode, outcome.reason), roundTripMs, wire: { request, response: connackRefusal(outcome.returnCode) } };
    }
  }

  function copyAs(model: string, input: PredictionInput, { topK }: { topK?: number } = {}): string {
    const { hostname } = new URL(baseUrl);
    const username = credentials.get()?.username;
    const target = { host: hostname.replace(/^\[(.*)\]$/, '$1'), port: options.tcpPort ?? 1883, clientId: CLI_CLIENT_ID, ...(username === undefined ? {} : { username }) };
    const fields = input.kind === 'image' ? (topK === undefined ? {} : { topK }) : jsonInputFields(input, topK);
    const payload = { ...fields, replyTo: `${TOPIC_PREFIX}/replies/${CLI_CLIENT_ID}`, correlationId: 'cli-1' };
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
    openSentimentStream(onEvent) {
      const streamConnection = createMqttConnection(url, timeoutMs, credentials);
      streamConnections.add(streamConnection);
      return openMqttSentimentStream(streamConnection, onEvent);
    },
    close() {
      stopWatchingCredentials();
      connection.close();
      for (const streamConnection of streamConnections) streamConnection.close();
      streamConnections.clear();
    },
  };
}
