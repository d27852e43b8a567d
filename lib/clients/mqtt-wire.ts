// What the MQTT client shows of its messages (wire view), how it reads the service's error replies, and its copy-as text.
import type { ErrorBody } from '../contract';
import { ModelWireError } from '../model-wire-error';
import type { ProtocolError, WireMessage } from './protocol-client';
import type { MqttMessage } from './mqtt-connection';
import { byteLength, prettyJson, shellQuote, shorten } from './wire-format';

/** The JSON with a long base64 `image` cut short, so the wire view stays readable; the byte count stays the real one. */
function readablePayload(payload: Record<string, unknown>): string {
  const image = payload.image;
  const shown = typeof image === 'string' && image.length > 120 ? { ...payload, image: shorten(image, 120) } : payload;
  return JSON.stringify(shown, null, 2);
}

const publishHeaders = (qos: number): Array<[string, string]> => [
  ['QoS', qos === 1 ? '1 (at least once: the broker answers PUBACK)' : String(qos)],
  ['retain', '0'],
];

export function sentPublish(topic: string, payload: Record<string, unknown>, text: string): WireMessage {
  return { summary: `MQTT PUBLISH ${topic} qos=1`, headers: publishHeaders(1), body: readablePayload(payload), bytes: byteLength(text) };
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
  message: `No reply: ${reason}. MQTT 3.1.1 cannot say why a broker drops a client (the embedded broker does it for a payload over its limit).`,
  native: 'MQTT connection closed without a reply',
});

export const timeoutErrorOf = (timeoutMs: number): ProtocolError => ({
  code: 'internal',
  message: `No reply came on the reply topic within ${timeoutMs} ms; a later reply is ignored.`,
  native: `no MQTT reply within ${timeoutMs} ms`,
});

export interface MosquittoTarget {
  host: string;
  port: number;
}

/**
 * mosquitto_sub waiting for one reply in the background, then mosquitto_pub sending the request at QoS 1 (an image's
 * base64 is put into the JSON by the shell and read from stdin with -s, instead of megabytes on the command line).
 */
export function mosquittoCopyAs({ host, port }: MosquittoTarget, topic: string, payload: Record<string, unknown>, image: boolean): string {
  const broker = `-h ${host} -p ${port}`;
  const replyTopic = String(payload.replyTo);
  // printf's format: % and \ of the JSON itself escaped, then the one %s the photo's base64 goes into.
  const format = JSON.stringify({ ...payload, image: '__IMAGE__' }).replace(/[%\\]/g, (char) => char + char).replace('__IMAGE__', '%s');
  const publish = image
    ? `printf ${shellQuote(format)} "$(base64 < photo.jpg | tr -d '\\n')" \\\n  | mosquitto_pub ${broker} -t ${shellQuote(topic)} -q 1 -s`
    : `mosquitto_pub ${broker} -t ${shellQuote(topic)} -q 1 -m ${shellQuote(JSON.stringify(payload))}`;
  return [
    `# the reply arrives on ${replyTopic}: subscribe first, then publish the request`,
    `mosquitto_sub ${broker} -t ${shellQuote(replyTopic)} -q 1 -C 1 -W 30 &`,
    `sleep 0.5`,
    publish,
    `wait`,
  ].join('\n');
}
