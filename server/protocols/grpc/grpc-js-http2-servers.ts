import type { Http2Server } from 'node:http2';
import type { Server } from '@grpc/grpc-js';

/**
 * The HTTP/2 servers a grpc-js Server listens with, once bound. grpc-js offers no hook on its HTTP/2 streams, which the
 * request deadline and the contract codes of its own refusals need; it keeps these servers in a private field
 * (`http2Servers`, @grpc/grpc-js src/server.ts), read here in one place and loudly if it has moved.
 */
export function http2ServersOf(server: Server): Http2Server[] {
  const servers: unknown = Reflect.get(server, 'http2Servers');
  if (!(servers instanceof Map) || servers.size === 0) throw new Error('@grpc/grpc-js no longer keeps its HTTP/2 servers in `http2Servers`: see grpc-js-http2-servers.ts');
  return [...servers.keys()] as Http2Server[];
}
