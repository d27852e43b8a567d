import type { AddressInfo, Server } from 'node:net';

/** A minimal server of one protocol's library, with no model: it answers the seed's formula inline. */
export interface RunningFloor {
  port: number;
  /** The library and how it is set up, for the report. */
  library: string;
  close(): Promise<void>;
}

export const FLOOR_HOST = '127.0.0.1';

export const portOf = (server: Server) => (server.address() as AddressInfo).port;

/** Listens on a free loopback port. */
export function listenOnFreePort(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, FLOOR_HOST, () => resolve(portOf(server)));
  });
}

export const closeServer = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));
