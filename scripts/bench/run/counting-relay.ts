import { connect, createServer, type Socket } from 'node:net';
import type { LaneEndpoint } from '../lanes/lane';

export interface ByteCounts {
  /** Client → server. */
  sent: number;
  /** Server → client. */
  received: number;
}

export interface CountingRelay {
  /** Where a client connects instead of the target. */
  endpoint: LaneEndpoint;
  counts(): ByteCounts;
  close(): Promise<void>;
}

/**
 * A loopback TCP relay in front of a server that counts every byte each way: whatever the protocol puts on the wire
 * (HTTP headers, HTTP/2 frames, WebSocket and MQTT framing, acknowledgements) is counted, with no library's help.
 */
export async function startCountingRelay(target: LaneEndpoint): Promise<CountingRelay> {
  const counts: ByteCounts = { sent: 0, received: 0 };
  const sockets = new Set<Socket>();
  const server = createServer({ noDelay: true }, (inbound) => {
    const outbound = connect({ host: target.host, port: target.port, noDelay: true });
    for (const socket of [inbound, outbound]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        inbound.destroy();
        outbound.destroy();
      });
    }
    inbound.on('data', (chunk: Buffer) => (counts.sent += chunk.length));
    outbound.on('data', (chunk: Buffer) => (counts.received += chunk.length));
    inbound.pipe(outbound);
    outbound.pipe(inbound);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the counting relay has no TCP port');
  return {
    endpoint: { host: '127.0.0.1', port: address.port },
    counts: () => ({ ...counts }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
