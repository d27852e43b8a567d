import type { IncomingMessage } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { Aedes } from 'aedes';
import type { InferenceCore } from '../../core/inference-core';
import { dialableHost } from '../shared/dialable-host';
import { createBrokerAccess } from './broker-access';
import { SizeCappedConnection } from './packet-size-guard';

export interface EmbeddedBrokerOptions {
  core: Pick<InferenceCore, 'authenticate' | 'authorize'>;
  host: string;
  port: number;
  /** Larger publishes are refused (the broker drops the connection: MQTT 3.1.1 has no way to say why). */
  maxPayloadBytes: number;
  /** How long one packet may take to arrive (REQUEST_TIMEOUT_MS); 30 s when left out. */
  packetTimeoutMs?: number;
}

export interface EmbeddedBroker {
  aedes: Aedes;
  /** The TCP port it listens on (useful when started on port 0). */
  port: number;
  /** mqtt://host:port for clients on this machine. */
  url: string;
  /** Serves one connection (TCP, or MQTT over WebSocket), cut as soon as a packet announces more than maxPacketBytes. */
  handle(connection: Duplex, request?: IncomingMessage): void;
  close(): Promise<void>;
}

/** Topic length (2 bytes), the longest topic (65,535 bytes) and a packet id (2 bytes). */
const PUBLISH_HEADER_ROOM = 2 + 65_535 + 2;

/** The aedes broker used when no MQTT_URL is given: MQTT 3.1.1 over TCP here, and over WebSocket at /mqtt on the API port. */
export async function startEmbeddedBroker({ core, host, port, maxPayloadBytes, packetTimeoutMs = 30_000 }: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const access = createBrokerAccess({ core, maxPayloadBytes });
  const aedes = await Aedes.createBroker({ drainTimeout: 30_000, ...access.handlers });
  aedes.on('clientDisconnect', access.release);
  // The largest packet: the payload limit plus room for the longest topic.
  const maxPacketBytes = maxPayloadBytes + PUBLISH_HEADER_ROOM;
  const handle = (connection: Duplex, request?: IncomingMessage) =>
    void aedes.handle(new SizeCappedConnection(connection, { maxPacketBytes, packetTimeoutMs }), request);

  // MQTT packets go out in several small writes: without noDelay, Nagle's algorithm holds each reply's tail until the
  // client's delayed ACK (about 40 ms on Linux) arrives.
  const server = createServer({ noDelay: true }, (socket) => handle(socket));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const boundPort = (server.address() as AddressInfo).port;
  return {
    aedes,
    port: boundPort,
    url: `mqtt://${dialableHost(host)}:${boundPort}`,
    handle,
    close: () => new Promise<void>((resolve) => aedes.close(() => server.close(() => resolve()))),
  };
}
