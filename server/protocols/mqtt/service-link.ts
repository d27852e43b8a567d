import type { IClientPublishOptions, IPublishPacket } from 'mqtt';

/** MQTT 5 properties of a reply; a link to a 3.1.1 broker drops them. */
export type ReplyProperties = IClientPublishOptions['properties'];

/**
 * How the ModelWire service sits on a broker: receives requests, publishes replies at QoS 1. One implementation is an
 * mqtt.js client of an external broker, the other subscribes inside the embedded aedes broker (no TCP hop).
 */
export interface ServiceLink {
  /** Named in MQTT 5 replies as `served-by`. */
  readonly clientId: string;
  readonly mqtt5: boolean;
  /**
   * Where requests arrive. On the embedded broker a request's topic is `$modelwire/from/{clientId}/{topic}`, naming its
   * publisher (topics.ts fromTopic), so replies can be held to that client's own topics.
   */
  onMessage(listener: (topic: string, packet: IPublishPacket) => void): void;
  publish(topic: string, payload: string, properties: ReplyProperties): void;
  subscribe(filters: string[]): Promise<void>;
  unsubscribe(filters: string[]): Promise<void>;
  close(): Promise<void>;
}
