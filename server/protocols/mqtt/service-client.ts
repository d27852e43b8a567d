import { randomUUID } from 'node:crypto';
import mqtt, { type IClientPublishOptions } from 'mqtt';
import type { ErrorBody } from '../../../lib/contract';
import type { InferenceCore } from '../../core/inference-core';
import { encodeReply, type ReplyAddress } from './codec';
import { errorUserProperties } from './error-mapping';
import { BROKER_AUTHORIZED, createRequestHandler } from './handler';
import { createStreamMessages, type StreamMessage } from './stream-messages';
import { requestSubscriptions, streamOutTopic } from './topics';

export interface ServiceClientOptions {
  core: InferenceCore;
  brokerUrl: string;
  /** MQTT 5 (response topic, correlation data, user properties). The embedded aedes broker speaks 3.1.1 only. */
  mqtt5: boolean;
  /** Subscribe as `$share/modelwire/...` so replicas on one broker split the requests. */
  shared: boolean;
  /** The embedded broker's service login; for an external broker, credentials ride in `brokerUrl`. */
  credentials?: { username: string; password: string };
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

/** The ModelWire MQTT service: an mqtt.js client of a broker (embedded or external), answering requests at QoS 1. */
export async function startServiceClient(options: ServiceClientOptions): Promise<ServiceClient> {
  const clientId = `modelwire-${randomUUID().slice(0, 8)}`;
  const protocolVersion = options.mqtt5 ? 5 : 4;
  // allowRetries=false: a wrong MQTT_URL fails start-up clearly; after that, the client reconnects on its own.
  const client = await mqtt.connectAsync(options.brokerUrl, { clientId, protocolVersion, clean: true, reconnectPeriod: 1000, ...options.credentials }, false);
  // The service's own TCP connection too (see embedded-broker.ts): on every (re)connect, as each one is a new socket.
  const noDelay = () => (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
  noDelay();
  client.on('connect', noDelay);
  client.on('error', (error) => options.onInternalError(error));

  function publish(topic: string, payload: string, properties: IClientPublishOptions['properties']) {
    const publishOptions: IClientPublishOptions = { qos: 1, ...(options.mqtt5 ? { properties } : {}) };
    client.publish(topic, payload, publishOptions, (error) => {
      if (error && !client.disconnecting) options.onInternalError(error);
    });
  }

  const jsonProperties = (error?: ErrorBody) => ({
    contentType: 'application/json',
    userProperties: { 'served-by': clientId, ...(error ? errorUserProperties(error) : {}) },
  });

  const streams = createStreamMessages(
    options.core.streams,
    (streamClientId: string, message: StreamMessage) =>
      publish(streamOutTopic(streamClientId), JSON.stringify(message), jsonProperties(message.type === 'error' ? message.error : undefined)),
    BROKER_AUTHORIZED,
  );
  const handleMessage = createRequestHandler({
    core: options.core,
    streams,
    maxPayloadBytes: options.maxPayloadBytes,
    requestersNamed: options.requestersNamed,
    onInternalError: options.onInternalError,
    reply: (address: ReplyAddress, body: object, error?: ErrorBody) =>
      publish(address.topic, encodeReply(address, body), {
        ...jsonProperties(error),
        ...(address.correlationData ? { correlationData: address.correlationData } : {}),
      }),
  });
  client.on('message', (topic, _payload, packet) => {
    handleMessage(topic, packet).catch(options.onInternalError);
  });

  const granted = await client.subscribeAsync(requestSubscriptions(options.shared), { qos: 1 });
  // MQTT 5 reports a refused filter with a reason code ≥ 0x80 where the granted QoS would be.
  const refused = granted.filter((grant) => grant.qos > 2).map((grant) => grant.topic);
  if (refused.length > 0) {
    await client.endAsync(true);
    throw new Error(`The MQTT broker at ${options.brokerUrl} refused the subscriptions ${refused.join(', ')}.`);
  }

  return {
    clientId,
    async stopIntake() {
      if (client.connected) await client.unsubscribeAsync(requestSubscriptions(options.shared));
    },
    async close() {
      streams.closeAll();
      // Their `closed` messages are published once the event loop turns; end() then waits for them to be acknowledged.
      await new Promise((resolve) => setImmediate(resolve));
      await client.endAsync();
    },
  };
}
