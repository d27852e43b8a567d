import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Aedes } from 'aedes';
import { dialableHost } from '../shared/dialable-host';

export interface EmbeddedBrokerOptions {
  host: string;
  port: number;
  /** Larger publishes are refused (the broker drops the connection: MQTT 3.1.1 has no way to say why). */
  maxPayloadBytes: number;
}

export interface EmbeddedBroker {
  aedes: Aedes;
  /** The TCP port it listens on (useful when started on port 0). */
  port: number;
  /** mqtt://host:port for clients on this machine. */
  url: string;
  close(): Promise<void>;
}

/** The aedes broker used when no MQTT_URL is given: MQTT 3.1.1 over TCP here, and over WebSocket at /mqtt on the API port. */
export async function startEmbeddedBroker({ host, port, maxPayloadBytes }: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const aedes = await Aedes.createBroker({
    drainTimeout: 30_000,
    authorizePublish(_client, packet, callback) {
      if (packet.topic.startsWith('$SYS/')) return callback(new Error('$SYS/ topics are reserved'));
      if (packet.payload.length > maxPayloadBytes) return callback(new Error(`payload larger than ${maxPayloadBytes} bytes`));
      callback(null);
    },
  });
  const server = createServer((socket) => aedes.handle(socket));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const boundPort = (server.address() as AddressInfo).port;
  return {
    aedes,
    port: boundPort,
    url: `mqtt://${dialableHost(host)}:${boundPort}`,
    close: () => new Promise<void>((resolve) => aedes.close(() => server.close(() => resolve()))),
  };
}
