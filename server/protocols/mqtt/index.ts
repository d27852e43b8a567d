import type { InferenceCore } from '../../core/inference-core';
import { startEmbeddedBroker, type EmbeddedBroker } from './embedded-broker';
import { randomUUID } from 'node:crypto';
import { connectBrokerClientLink } from './broker-client-link';
import { createInBrokerLink } from './in-broker-link';
import { startServiceClient, type ServiceClient } from './service-client';

export { mqttOverWebSocket } from './websocket-route';
export type { EmbeddedBroker } from './embedded-broker';

export interface MqttOptions {
  core: InferenceCore;
  /** Where the embedded broker listens (TCP) when no external broker is given. */
  host: string;
  port: number;
  /** An external broker (MQTT_URL): used instead of the embedded one, with MQTT 5 and shared subscriptions. */
  url?: string;
  maxPayloadBytes: number;
  /** Embedded broker: how long one MQTT packet may take to arrive (REQUEST_TIMEOUT_MS); 30 s when left out. */
  packetTimeoutMs?: number;
  onInternalError?: (error: unknown) => void;
}

export interface RunningMqtt {
  /** The embedded broker, when no external one was given; api-server serves it over WebSocket at /mqtt. */
  broker?: EmbeddedBroker;
  /** The broker the service is a client of, without any credentials it carried. */
  brokerUrl: string;
  service: ServiceClient;
  close(): Promise<void>;
}

function withoutCredentials(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString().replace(/\/$/, '');
}

/**
 * MQTT: the ModelWire service answers the same topics on the embedded aedes broker (in-process, MQTT 3.1.1, plain
 * subscriptions) and on an external one such as mosquitto (as an mqtt.js client, MQTT 5, `$share`).
 */
export async function startMqtt(options: MqttOptions): Promise<RunningMqtt> {
  const broker = options.url ? undefined : await startEmbeddedBroker(options);
  const brokerUrl = options.url ?? broker!.url;
  try {
    const onInternalError = options.onInternalError ?? ((error: unknown) => console.error('MQTT service error:', error));
    const clientId = `modelwire-${randomUUID().slice(0, 8)}`;
    const link = broker
      ? createInBrokerLink(broker.aedes, clientId)
      : await connectBrokerClientLink({ clientId, brokerUrl, mqtt5: true, onError: onInternalError });
    const service = await startServiceClient({
      core: options.core,
      link,
      shared: broker === undefined,
      requestersNamed: broker !== undefined,
      maxPayloadBytes: options.maxPayloadBytes,
      onInternalError,
    });
    return {
      broker,
      brokerUrl: withoutCredentials(brokerUrl),
      service,
      async close() {
        await service.close();
        await broker?.close();
      },
    };
  } catch (error) {
    await broker?.close();
    throw error;
  }
}
