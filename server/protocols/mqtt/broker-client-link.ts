import mqtt, { type IClientPublishOptions } from 'mqtt';
import type { ServiceLink } from './service-link';

export interface BrokerClientLinkOptions {
  clientId: string;
  brokerUrl: string;
  /** MQTT 5 (response topic, correlation data, user properties). */
  mqtt5: boolean;
  onError(error: unknown): void;
}

/** The service as an mqtt.js client of an external broker (MQTT_URL), e.g. mosquitto. */
export async function connectBrokerClientLink({ clientId, brokerUrl, mqtt5, onError }: BrokerClientLinkOptions): Promise<ServiceLink> {
  // allowRetries=false: a wrong MQTT_URL fails start-up clearly; after that, the client reconnects on its own.
  const client = await mqtt.connectAsync(brokerUrl, { clientId, protocolVersion: mqtt5 ? 5 : 4, clean: true, reconnectPeriod: 1000 }, false);
  // MQTT packets go out in several small writes: without noDelay, Nagle's algorithm holds each reply's tail until the
  // broker's delayed ACK (about 40 ms on Linux). On every (re)connect, as each one is a new socket.
  const noDelay = () => (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
  noDelay();
  client.on('connect', noDelay);
  client.on('error', onError);

  return {
    clientId,
    mqtt5,
    onMessage: (listener) => client.on('message', (topic, _payload, packet) => listener(topic, packet)),
    publish(topic, payload, properties) {
      const options: IClientPublishOptions = { qos: 1, ...(mqtt5 ? { properties } : {}) };
      client.publish(topic, payload, options, (error) => {
        if (error && !client.disconnecting) onError(error);
      });
    },
    async subscribe(filters) {
      const granted = await client.subscribeAsync(filters, { qos: 1 });
      // MQTT 5 reports a refused filter with a reason code ≥ 0x80 where the granted QoS would be.
      const refused = granted.filter((grant) => grant.qos > 2).map((grant) => grant.topic);
      if (refused.length > 0) {
        await client.endAsync(true);
        throw new Error(`The MQTT broker at ${brokerUrl} refused the subscriptions ${refused.join(', ')}.`);
      }
    },
    async unsubscribe(filters) {
      if (client.connected) await client.unsubscribeAsync(filters);
    },
    close: () => client.endAsync(),
  };
}
