import type { ErrorBody } from '../../../lib/contract';
import type { InferenceCore } from '../../core/inference-core';
import { encodeReply, type ReplyAddress } from './codec';
import { errorUserProperties } from './error-mapping';
import { BROKER_AUTHORIZED, createRequestHandler } from './handler';
import type { ServiceLink } from './service-link';
import { createStreamMessages, type StreamMessage } from './stream-messages';
import { requestSubscriptions, streamOutTopic } from './topics';

export interface ServiceClientOptions {
  core: InferenceCore;
  link: ServiceLink;
  /** Subscribe as `$share/modelwire/...` so replicas on one broker split the requests. */
  shared: boolean;
  /** The embedded broker names each request's publisher, so replies can be held to that client's own topics. */
  requestersNamed: boolean;
  maxPayloadBytes: number;
  onInternalError(error: unknown): void;
}

export interface ServiceClient {
  /** Its MQTT client id, also sent as the `served-by` user property of MQTT 5 replies. */
  clientId: string;
  /** Shutdown, first step: no new requests (unsubscribes), while replies to running ones still go out. */
  stopIntake(): Promise<void>;
  close(): Promise<void>;
}

/** The ModelWire MQTT service on a broker (through a ServiceLink), answering requests at QoS 1. */
export async function startServiceClient({ core, link, shared, requestersNamed, maxPayloadBytes, onInternalError }: ServiceClientOptions): Promise<ServiceClient> {
  const jsonProperties = (error?: ErrorBody) => ({
    contentType: 'application/json',
    userProperties: { 'served-by': link.clientId, ...(error ? errorUserProperties(error) : {}) },
  });

  const streams = createStreamMessages(
    core.streams,
    (streamClientId: string, message: StreamMessage) =>
      link.publish(streamOutTopic(streamClientId), JSON.stringify(message), jsonProperties(message.type === 'error' ? message.error : undefined)),
    BROKER_AUTHORIZED,
  );
  const handleMessage = createRequestHandler({
    core,
    streams,
    maxPayloadBytes,
    requestersNamed,
    onInternalError,
    reply: (address: ReplyAddress, body: object, error?: ErrorBody) =>
      link.publish(address.topic, encodeReply(address, body), {
        ...jsonProperties(error),
        ...(address.correlationData ? { correlationData: address.correlationData } : {}),
      }),
  });
  link.onMessage((topic, packet) => {
    handleMessage(topic, packet).catch(onInternalError);
  });
  await link.subscribe(requestSubscriptions(shared));

  return {
    clientId: link.clientId,
    stopIntake: () => link.unsubscribe(requestSubscriptions(shared)),
    async close() {
      streams.closeAll();
      // Their `closed` messages are published once the event loop turns; close() then waits for them to be acknowledged.
      await new Promise((resolve) => setImmediate(resolve));
      await link.close();
    },
  };
}
