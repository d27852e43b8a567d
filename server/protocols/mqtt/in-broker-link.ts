import type { Aedes, AedesPublishPacket } from 'aedes';
import type { IPublishPacket } from 'mqtt';
import type { ServiceLink } from './service-link';
import { fromTopic } from './topics';

type Deliver = (packet: AedesPublishPacket, done: () => void) => void;

/**
 * The service inside the embedded aedes broker: it subscribes and publishes in-process, as a broker plug-in would,
 * so a request costs the client's two hops and nothing more (an mqtt.js client over loopback TCP added two).
 */
export function createInBrokerLink(aedes: Aedes, clientId: string): ServiceLink {
  let listener: (topic: string, packet: IPublishPacket) => void = () => {};
  const subscribed = new Map<string, Deliver>();

  const deliver: Deliver = (packet, done) => {
    done();
    // aedes stamps each packet a client published with that client's id; the broker's own (the replies) carry none.
    const publisher = (packet as AedesPublishPacket & { clientId?: string }).clientId;
    if (publisher === undefined) return;
    const request = { cmd: 'publish', topic: packet.topic, payload: packet.payload, qos: packet.qos, retain: false, dup: false } as IPublishPacket;
    listener(fromTopic(publisher, packet.topic), request);
  };

  const each = (filters: string[], operation: (filter: string, done: () => void) => void) =>
    Promise.all(filters.map((filter) => new Promise<void>((resolve) => operation(filter, resolve)))).then(() => undefined);

  return {
    clientId,
    mqtt5: false,
    onMessage: (onRequest) => (listener = onRequest),
    publish(topic, payload) {
      aedes.publish({ cmd: 'publish', topic, payload: Buffer.from(payload), qos: 1, retain: false, dup: false }, () => {});
    },
    subscribe: (filters) =>
      each(filters, (filter, done) => {
        subscribed.set(filter, deliver);
        aedes.subscribe(filter, deliver, done);
      }),
    unsubscribe: (filters) =>
      each(filters, (filter, done) => {
        const registered = subscribed.get(filter);
        if (!registered) return done();
        subscribed.delete(filter);
        aedes.unsubscribe(filter, registered, done);
      }),
    close: () => Promise.resolve(),
  };
}
