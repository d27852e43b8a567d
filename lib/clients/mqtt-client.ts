import type { ModelDescriptor, PredictionInput, PredictionResult, TrainResult } from '../contract';
import { encodeBody } from '../encoding/encoded-body';
import { shortToken } from './authorization-header';
import { serverTimeOfReply, since, timedConnect, type CallTiming, type ServerTime } from './call-timing';
import { credentials as sharedCredentials, type CredentialOption } from './credentials';
import { createMqttCallConnection } from './mqtt-call-connection';
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
const CONNECTING = 'connected to the broker and subscribed to the reply topic';
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
  const connection = createMqttCallConnection(url, timeoutMs, credentials);
  /** Each live stream's own connection (its client id names the stream), closed with the stream or with this client. */
  const streamConnections = new Set<MqttConnection>();
  const stopWatchingCredentials = credentials.subscribe(() => {
    connection.close();
    for (const streamConnection of streamConnections) streamConnection.close();
  });
  let lastId = 0;
  const nextId = () => String(++lastId);

  /** One request/reply; `image` (a prediction's) is encoded off the main thread into the payload's `image` field. */
  async function call<T>(topic: string, fields: (imageText?: string) => Record<string, unknown>, image?: Uint8Array): Promise<CallOutcome<T>> {
    const correlationId = nextId();
    // As bytes: mqtt.js publishes a Buffer.
    const payload = await encodeBody((imageText) => JSON.stringify({ ...fields(imageText), replyTo: connection.replyTopic, correlationId }), image, 'bytes');
    const sent = sentPublish(topic, payload.shown, payload.bytes);
    const credential = credentials.get();
    const request = credential ? { ...sent, headers: [...sent.headers, connectedWith(credential.username, credential.token)] } : sent;
    const outcome = await connection.request(topic, payload.body, correlationId);
    // The reply's JSON was parsed where it arrived (in the connection's worker, in a browser): decoding here is taking
    // its fields, from the moment this page has the reply.
    const decodeStarted = performance.now();
    const connect = outcome.connectMs === undefined ? undefined : { ms: outcome.connectMs, what: CONNECTING };
    const timing = (decodeMs: number, server?: ServerTime): CallTiming => ({ connect, encodeMs: payload.encodeMs, server, decodeMs, clock: 'page' });
    const waited = since(outcome.sentAt);
    switch (outcome.kind) {
      case 'reply': {
        const reply = outcome.reply.json ?? {};
        const answer = 'error' in reply ? { ok: false as const, error: errorReplyOf(reply) } : { ok: true as const, value: valueOf<T>(reply) };
        const decodeMs = since(decodeStarted);
        const wire = { request, response: receivedPublish(outcome.reply) };
        const server = answer.ok ? serverTimeOfReply(answer.value) : undefined;
        return { ...answer, roundTripMs: outcome.reply.receivedAt - outcome.sentAt, wire, timing: timing(decodeMs, server) };
      }
      case 'closed':
        return { ok: false, error: closedErrorOf(outcome.reason), roundTripMs: waited, wire: { request, response: noReply('(the broker closed the connection: no reply)') }, timing: timing(0) };
      case 'timeout':
        return { ok: false, error: timeoutErrorOf(outcome.timeoutMs), roundTripMs: waited, wire: { request, response: noReply(`(no reply within ${outcome.timeoutMs} ms)`) }, timing: timing(0) };
      case 'refused':
        return { ok: false, error: refusedErrorOf(outcome.returnCode, outcome.reason), roundTripMs: waited, wire: { request, response: connackRefusal(outcome.returnCode) }, timing: timing(0) };
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
    connect: () => timedConnect(() => connection.open(), CONNECTING),
    async listModels(): Promise<ModelDescriptor[]> {
      const outcome = await call<{ models: ModelDescriptor[] }>(`${TOPIC_PREFIX}/models/list`, () => ({}));
      if (!outcome.ok) throw new Error(`MQTT models/list failed: ${outcome.error.message} (${outcome.error.native})`);
      return outcome.value.models;
    },
    predict: (model, input, { topK } = {}) =>
      call<PredictionResult>(modelTopic(model, 'predict'), (imageText) => jsonInputFields(input, topK, imageText), input.kind === 'image' ? input.image : undefined),
    train: (model, { X, y, ridge }) => call<TrainResult>(modelTopic(model, 'train'), () => ({ X, y, ...(ridge === undefined ? {} : { ridge }) })),
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
