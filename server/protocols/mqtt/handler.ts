import type { IPublishPacket } from 'mqtt';
import type { ErrorBody } from '../../../lib/contract';
import { ModelWireError, invalidInput } from '../../../lib/model-wire-error';
import type { Principal } from '../../core/auth/principal';
import type { InferenceCore } from '../../core/inference-core';
import { predictionInputOf, predictOptionsOf } from '../shared/prediction-input';
import { decodeRequest, parseJsonObject, payloadBytes, trainRequestOf, type JsonObject, type ReplyAddress } from './codec';
import { errorReplyOf } from './error-mapping';
import { answerSeedMessage, seedReplyAddress } from './seed-messages';
import type { StreamMessages } from './stream-messages';
import { clientErrorsTopic, ERRORS_TOPIC, requesterOf, routeOf, type TopicRoute } from './topics';

type RequestRoute = Exclude<TopicRoute, { kind: 'stream' }>;

/**
 * Who the core is told is calling. The broker authorized each publish before it reached the service — the embedded one
 * against the client's token scopes, an external one by its ACL — so the service acts on the broker's word.
 */
export const BROKER_AUTHORIZED: Principal = { name: 'mqtt-broker', scopes: ['predict', 'train'] };

const NO_REPLY_TOPIC = 'Name a reply topic: the MQTT 5 response topic property, or "replyTo" (with an optional "correlationId") in the JSON payload.';

/** One request, translated into one call into the core. */
async function answer(core: InferenceCore, route: RequestRoute, body: JsonObject, receivedAt: number): Promise<object> {
  switch (route.kind) {
    case 'list':
      return { models: core.listModels() };
    case 'describe':
      return core.describeModel(route.model);
    case 'predict':
      return core.predict(route.model, predictionInputOf(body), { ...predictOptionsOf(body, receivedAt), principal: BROKER_AUTHORIZED });
    case 'train':
      return core.train(route.model, trainRequestOf(body), { receivedAt, principal: BROKER_AUTHORIZED });
    case 'seed':
      return answerSeedMessage(core, body, receivedAt, BROKER_AUTHORIZED);
  }
}

export interface RequestHandlerOptions {
  core: InferenceCore;
  streams: StreamMessages;
  maxPayloadBytes: number;
  /** Embedded broker: requests arrive on `$modelwire/from/{clientId}/...`; others (no publisher named) are ignored. */
  requestersNamed: boolean;
  /** Publishes a reply (QoS 1); `error` is set for error replies so MQTT 5 replies can say so in user properties. */
  reply(address: ReplyAddress, body: object, error?: ErrorBody): void;
  onInternalError(error: unknown): void;
}

/** Handles every message the service receives: decode, route, call the core, publish the answer or the error. */
export function createRequestHandler({ core, streams, maxPayloadBytes, requestersNamed, reply, onInternalError }: RequestHandlerOptions) {
  const isRequestTopic = (topic: string) => routeOf(topic) !== undefined;

  function replyError(address: ReplyAddress | undefined, topic: string, error: unknown, requester: string | undefined) {
    const body = errorReplyOf(error);
    if (body.error.code === 'internal') onInternalError(error);
    // Without a reply topic the error still goes somewhere the requester can watch, naming the request's topic.
    const fallback = { topic: requester === undefined ? ERRORS_TOPIC : clientErrorsTopic(requester) };
    reply(address ?? fallback, address ? body : { ...body, topic }, body.error);
  }

  return async function handleMessage(receivedTopic: string, packet: IPublishPacket): Promise<void> {
    const receivedAt = performance.now();
    const { requester, topic } = requesterOf(receivedTopic);
    if (requestersNamed && requester === undefined) return;
    const route = routeOf(topic);
    if (!route) return;
    if (route.kind === 'stream') {
      if (requester !== undefined && requester !== route.clientId) return;
      try {
        streams.receive(route.clientId, parseJsonObject(payloadBytes(packet), maxPayloadBytes));
      } catch (error) {
        streams.reject(route.clientId, ModelWireError.from(error));
      }
      return;
    }
    const decoded = decodeRequest(packet, { maxPayloadBytes, isRequestTopic, requester });
    const address = route.kind === 'seed' ? seedReplyAddress(decoded.address) : decoded.address;
    if ('error' in decoded) return replyError(address, topic, decoded.error, requester);
    if (!address) return replyError(undefined, topic, invalidInput(NO_REPLY_TOPIC), requester);
    try {
      const result = await answer(core, route, decoded.body, receivedAt);
      reply(address, result);
    } catch (error) {
      replyError(address, topic, error, requester);
    }
  };
}
