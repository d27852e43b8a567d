// What the MQTT client shows of its messages (wire view), how it reads the service's error replies, and its copy-as text.
import type { ErrorBody } from '../contract';
import { ModelWireError } from '../model-wire-error';
import { TOKEN_VARIABLE } from './authorization-header';
import type { ProtocolError, WireMessage } from './protocol-client';
import type { MqttMessage } from './mqtt-connection';
import { prettyJson, shellQuote, shorten } from './wire-format';

const publishHeaders = (qos: number): Array<[string, string]> => [
  ['QoS', qos === 1 ? '1 (at least once: the broker answers PUBACK)' : String(qos)],
  ['retain', '0'],
];

/** A request as published: `shown` is its JSON with an image's base64 cut short (encoded-body.ts), `bytes` its real size. */
export function sentPublish(topic: string, shown: string, bytes: number): WireMessage {
  return { summary: `MQTT PUBLISH ${topic} qos=1`, headers: publishHeaders(1), body: shorten(prettyJson(shown)), bytes };
}

export function receivedPublish({ topic, qos, text, bytes }: MqttMessage): WireMessage {
  return { summary: `MQTT PUBLISH ${topic} qos=${qos}`, headers: publishHeaders(qos), body: shorten(prettyJson(text)), bytes };
}

export const noReply = (summary: string): WireMessage => ({ summary, headers: [], body: '', bytes: 0 });

/** `{"error": {code, message, details?}}` on the reply topic: the service's error reply (MQTT itself has none). */
export function errorReplyOf(reply: Record<string, unknown>): ProtocolError {
  const error = (reply.error ?? {}) as Partial<ErrorBody>;
  return {
    code: ModelWireError.isCode(error.code) ? error.code : 'internal',
    message: typeof error.message === 'string' ? error.message : 'The service answered an error reply without a message.',
    native: `MQTT error reply code=${typeof error.code === 'string' ? error.code : 'none'}`,
    ...(error.details ? { details: error.details } : {}),
  };
}

export const closedErrorOf = (reason: string): ProtocolError => ({
  code: 'internal',
  message: `No reply: ${reason}. MQTT 3.1.1 cannot say why a broker drops a client (the embedded broker does it for a publish over its size limit, outside the client's own topics or beyond its token's scopes).`,
  native: 'MQTT connection closed without a reply',
});

export const timeoutErrorOf = (timeoutMs: number): ProtocolError => ({
  code: 'internal',
  message: `No reply came on the reply topic within ${timeoutMs} ms; a later reply is ignored.`,
  native: `no MQTT reply within ${timeoutMs} ms`,
});

/** MQTT 3.1.1's CONNACK return codes [MQTT-3.2.2.3]. */
const CONNACK_RETURN_CODES: Record<number, string> = {
  1: 'Unacceptable protocol version',
  2: 'Identifier rejected',
  3: 'Server unavailable',
  4: 'Bad user name or password',
  5: 'Not authorized',
};

/** The CONNACK that refused the connection, in place of a reply. */
export const connackRefusal = (returnCode: number): WireMessage => ({
  summary: `MQTT CONNACK return code ${returnCode} (${CONNACK_RETURN_CODES[returnCode] ?? 'refused'}): the request was never published`,
  headers: [],
  body: '',
  bytes: 4,
});

/** Return codes 4 and 5 are the broker refusing the credential (no token, or one it does not accept). */
export function refusedErrorOf(returnCode: number, reason: string): ProtocolError {
  const code = returnCode === 4 || returnCode === 5 ? 'unauthenticated' : returnCode === 3 ? 'overloaded' : 'internal';
  return { code, message: `The broker refused the connection: ${reason}.`, native: `CONNACK return code ${returnCode} (${CONNACK_RETURN_CODES[returnCode] ?? 'refused'})` };
}

export interface MosquittoTarget {
  host: string;
  port: number;
  /** Signed in: the user name, sent with `-u` beside the token as the password (`-P "$TOKEN"`). */
  username?: string;
  /** The command's MQTT client id: `payload.replyTo` must be its own reply topic, modelwire/v1/replies/{clientId}. */
  clientId: string;
}

/**
 * One MQTT client id for the whole exchange: the broker lets only the client named in modelwire/v1/replies/{clientId}
 * read that topic or name it as `replyTo`. A text request is one mosquitto_rr (subscribe, publish at QoS 1, print the
 * reply). An image's base64 must come from stdin (a command-line argument stops at 128 KiB), which mosquitto_rr 2.0.11
 * publishes as an empty message; so mosquitto_sub subscribes in a kept session (-c), mosquitto_pub -s sends the request
 * from the same client id, and mosquitto_sub -c reads the reply the broker kept for that session.
 */
export function mosquittoCopyAs({ host, port, clientId, username }: MosquittoTarget, topic: string, payload: Record<string, unknown>, image: boolean): string {
  const login = username === undefined ? '' : ` -u ${shellQuote(username)} -P "${TOKEN_VARIABLE}"`;
  const client = `-h ${host} -p ${port} -i ${shellQuote(clientId)}${login} -q 1`;
  const replyTopic = shellQuote(String(payload.replyTo));
  if (!image) return `mosquitto_rr -V mqttv311 ${client} -W 30 -t ${shellQuote(topic)} -e ${replyTopic} -m ${shellQuote(JSON.stringify(payload))}`;
  // printf's format: % and \ of the JSON itself escaped, then the one %s the photo's base64 goes into.
  const format = JSON.stringify({ ...payload, image: '__IMAGE__' }).replace(/[%\\]/g, (char) => char + char).replace('__IMAGE__', '%s');
  return [
    `mosquitto_sub ${client} -c -t ${replyTopic} -E`,
    `printf ${shellQuote(format)} "$(base64 < photo.jpg | tr -d '\\n')" \\\n  | mosquitto_pub ${client} -c -t ${shellQuote(topic)} -s`,
    `mosquitto_sub ${client} -c -t ${replyTopic} -C 1 -W 30`,
  ].join('\n');
}
