import type { IPublishPacket } from 'mqtt';
import type { ErrorBody } from '../../../lib/contract';
import { ModelWireError, invalidInput } from '../../../lib/model-wire-error';
import type { InferenceCore } from '../../core/inference-core';
import { predictionInputOf, predictOptionsOf } from '../shared/prediction-input';
import { decodeRequest, parseJsonObject, payloadBytes, trainRequestOf, type JsonObject, type ReplyAddress } from './codec';
import { errorReplyOf } from './error-mapping';
import { answerSeedMessage, seedReplyAddress } from './seed-messages';
import type { StreamMessages } from './stream-messages';
import { ERRORS_TOPIC, routeOf, type TopicRoute } from './topics';

type RequestRoute = Exclude<TopicRoute, { kind: 'stream' }>;

const NO_REPLY_TOPIC = 'Name a reply topic: the MQTT 5 response topic property, or "replyTo" (with an optional "correlationId") in the JSON payload.';

/** One request, translated into one call into the core. */
async function answer(core: InferenceCore, route: RequestRoute, body: JsonObject, receivedAt: number): Promise<object> {
  switch (route.kind) {
    case 'list':
      return { models: core.listModels() };
    case 'describe':
      return core.describeModel(route.model);
    case 'predict':
      return core.predict(route.model, predictionInputOf(body), predictOptionsOf(body, receivedAt));
    case 'train':
      return core.train(route.model, trainRequestOf(body), { receivedAt });
    case 'seed':
      return answerSeedMessage(core, body, receivedAt);
  }
}

export interface RequestHandlerOptions {
  core: InferenceCore;
  streams: StreamMessages;
  maxPayloadBytes: number;
  /** Publishes a reply (QoS 1); `error` is set for error replies so MQTT 5 replies can say so in user properties. */
  reply(address: ReplyAddress, body: object, error?: ErrorBody): void;
  onInternalError(error: unknown): void;
}

/** Handles every message the service receives: decode, route, call the core, publish the answer or the error. */
export function createRequestHandler({ core, streams, maxPayloadBytes, reply, onInternalError }: RequestHandlerOptions) {
  const limits = { maxPayloadBytes, isRequestTopic: (topic: string) => routeOf(topic) !== undefined };

  function replyError(address: ReplyAddress | undefined, topic: string, error: unknown) {
    const body = errorReplyOf(error);
    if (body.error.code === 'internal') onInternalError(error);
    // Without a reply topic the error still goes somewhere a learner can watch, naming the request's topic.
    reply(address ?? { topic: ERRORS_TOPIC }, address ? body : { ...body, topic }, body.error);
  }

  return async function handleMessage(topic: string, packet: IPublishPacket): Promise<void> {
    const receivedAt = performance.now();
    const route = routeOf(topic);
    if (!route) return;
    if (route.kind === 'stream') {
      try {
        streams.receive(route.clientId, parseJsonObject(payloadBytes(packet), maxPayloadBytes));
      } catch (error) {
        streams.reject(route.clientId, ModelWireError.from(error));
      }
      return;
    }
    const decoded = decodeRequest(packet, limits);
    const address = route.kind === 'seed' ? seedReplyAddress(decoded.address) : decoded.address;
    if ('error' in decoded) return replyError(address, topic, decoded.error);
    if (!address) return replyError(undefined, topic, invalidInput(NO_REPLY_TOPIC));
    try {
      const result = await answer(core, route, decoded.body, receivedAt);
      reply(address, result);
    } catch (error) {
      replyError(address, topic, error);
    }
  };
}
