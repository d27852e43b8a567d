import type { IPublishPacket } from 'mqtt';
import type { TrainRequest } from '../../../lib/contract';
import { ModelWireError, invalidInput } from '../../../lib/model-wire-error';
import { clientReplyTopic, isOwnReplyTopic } from './topics';

/** Where a reply goes: MQTT 5 response topic + correlation data, or the same two as JSON fields for 3.1.1 clients. */
export interface ReplyAddress {
  topic: string;
  /** MQTT 5 correlation data, echoed back as a property. */
  correlationData?: Buffer;
  /** The JSON `correlationId` of a 3.1.1 request, echoed back in the reply payload. */
  correlationId?: string | number;
}

export type JsonObject = Record<string, unknown>;

export type DecodedRequest = { body: JsonObject; address?: ReplyAddress } | { error: ModelWireError; address?: ReplyAddress };

export interface DecodeLimits {
  maxPayloadBytes: number;
  /** Replies must not land on a topic the service answers, or a reply would be read as a new request. */
  isRequestTopic(topic: string): boolean;
  /** Embedded broker: the client that published the request, whose own reply topics are the only ones it may name. */
  requester?: string;
}

function replyTopicOf(value: unknown, limits: DecodeLimits): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 65_535) throw invalidInput('replyTo must be a non-empty topic name.');
  if (/[+#\u0000]/.test(value) || value.startsWith('$')) throw invalidInput('replyTo must be a plain topic name: no wildcards (+, #) and no leading $.');
  if (limits.isRequestTopic(value)) throw invalidInput(`replyTo must not be a request topic (${value}).`);
  if (limits.requester !== undefined && !isOwnReplyTopic(limits.requester, value)) {
    throw new ModelWireError('forbidden', `Replies go to your own reply topic ${clientReplyTopic(limits.requester)} (or below it), not to ${value}.`);
  }
  return value;
}

function jsonAddressOf(body: JsonObject, limits: DecodeLimits): ReplyAddress | undefined {
  if (body.replyTo === undefined || body.replyTo === null) return undefined;
  const topic = replyTopicOf(body.replyTo, limits);
  const { correlationId } = body;
  if (correlationId === undefined || correlationId === null) return { topic };
  if (typeof correlationId !== 'string' && typeof correlationId !== 'number') throw invalidInput('correlationId must be a string or a number.');
  return { topic, correlationId };
}

export const payloadBytes = (packet: IPublishPacket): Buffer =>
  typeof packet.payload === 'string' ? Buffer.from(packet.payload, 'utf8') : packet.payload;

/** Bytes that are not UTF-8 are refused, not read as U+FFFD (which would score some other text than the one sent). */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** An empty payload is an empty request (e.g. listing models with an MQTT 5 response topic). */
export function parseJsonObject(payload: Buffer, maxPayloadBytes: number): JsonObject {
  if (payload.length > maxPayloadBytes) {
    throw new ModelWireError('too_large', `The payload is ${payload.length} bytes; at most ${maxPayloadBytes} are accepted.`, { maxPayloadBytes });
  }
  if (payload.length === 0) return {};
  let body: unknown;
  try {
    body = JSON.parse(STRICT_UTF8.decode(payload));
  } catch {
    throw invalidInput('The payload must be JSON in UTF-8.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidInput('The payload must be a JSON object.');
  return body as JsonObject;
}

/** Reads a request's payload and where its answer goes; a failure keeps whatever reply address was already known. */
export function decodeRequest(packet: IPublishPacket, limits: DecodeLimits): DecodedRequest {
  let address: ReplyAddress | undefined;
  try {
    const { responseTopic, correlationData } = packet.properties ?? {};
    if (responseTopic !== undefined) address = { topic: replyTopicOf(responseTopic, limits), correlationData };
    const body = parseJsonObject(payloadBytes(packet), limits.maxPayloadBytes);
    address ??= jsonAddressOf(body, limits);
    return { body, address };
  } catch (error) {
    return { error: ModelWireError.from(error), address };
  }
}

/** The reply payload: the result, with the request's JSON correlationId when it gave one. */
export function encodeReply(address: ReplyAddress | undefined, body: object): string {
  return JSON.stringify(address?.correlationId === undefined ? body : { correlationId: address.correlationId, ...body });
}

export const trainRequestOf = (body: JsonObject): TrainRequest =>
  ({ X: body.X, y: body.y, ...(body.ridge === undefined ? {} : { ridge: body.ridge }) }) as TrainRequest;
