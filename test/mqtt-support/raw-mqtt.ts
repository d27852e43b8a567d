import { connect, type Socket } from 'node:net';
import { CONNACK_ACCEPTED, connectPacket, mqttPacket } from '../conformance/hostile-mqtt-wire';

// MQTT 3.1.1 packets written byte by byte, for what mqtt.js will not send: topics that are not UTF-8, or a fixed header
// announcing far more than follows. The framing is the conformance table's (hostile-mqtt-wire).

export { connectPacket };

const field = (bytes: Buffer) => Buffer.concat([Buffer.from([bytes.length >> 8, bytes.length & 0xff]), bytes]);

/** A QoS 1 PUBLISH (packet id 1); `announcedPayload` overrides the payload length its header claims. */
export function publishPacket(topic: Buffer, payload: Buffer, announcedPayload = payload.length): Buffer {
  const variableHeader = Buffer.concat([field(topic), Buffer.from([0, 1])]);
  return mqttPacket(0x32, Buffer.concat([variableHeader, payload]), variableHeader.length + announcedPayload);
}

/** A SUBSCRIBE (packet id 2) of one filter at QoS 1. */
export const subscribePacket = (filter: Buffer) => mqttPacket(0x82, Buffer.concat([Buffer.from([0, 2]), field(filter), Buffer.from([1])]));

export interface RawClient {
  socket: Socket;
  /** Every byte the broker sent after CONNACK. */
  received(): Buffer;
  /** Resolves true when the broker closes the connection within `ms`. */
  closedWithin(ms: number): Promise<boolean>;
}

/** A TCP connection that has sent CONNECT and read a successful CONNACK. */
export async function rawConnect(port: number, clientId: string): Promise<RawClient> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => {}); // the broker cutting a connection is what these tests expect
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  let data = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => (data = Buffer.concat([data, chunk])));
  socket.write(connectPacket(clientId));
  while (data.length < CONNACK_ACCEPTED.length) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!data.subarray(0, CONNACK_ACCEPTED.length).equals(CONNACK_ACCEPTED)) throw new Error(`CONNACK refused: ${data.toString('hex')}`);
  return {
    socket,
    received: () => data.subarray(CONNACK_ACCEPTED.length),
    closedWithin: (ms) => Promise.race([closed.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]),
  };
}
