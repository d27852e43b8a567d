import { createServer, type Http2Session } from 'node:http2';
import { createContextValues } from '@connectrpc/connect';
import { connectNodeAdapter } from '@connectrpc/connect-node';
import type { InferenceCore } from '../../core/inference-core';
import { encodingGrpcMessageBySpec } from './grpc-message-encoding';
import { receivedAtKey } from './handler';
import { modelWireRouter } from './routes';
import { enforceStreamDeadlines, openRequestPathsOf } from './stream-deadlines';
import { IDLE_CONNECTION_TIMEOUT_MS } from '../shared/request-deadlines';

const CLOSE_GRACE_MS = 2000;

export interface RunningGrpcServer {
  port: number;
  /** Stops listening, lets calls in flight finish for up to `graceMs`, then ends every connection. */
  close(graceMs?: number): Promise<void>;
}

export interface GrpcServerOptions {
  core: InferenceCore;
  host: string;
  /** 0 picks a free port. */
  port: number;
  maxMessageBytes?: number;
  /** REQUEST_TIMEOUT_MS: a unary or server-streaming call's request must have arrived whole by then. */
  requestTimeoutMs?: number;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Native gRPC over HTTP/2 cleartext (h2c) for grpc-js, grpcio, grpcurl and Postman, with server reflection. */
export async function startGrpcServer(options: GrpcServerOptions): Promise<RunningGrpcServer> {
  const { core, host, port, maxMessageBytes, requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS } = options;
  const shutdown = new AbortController();
  const router = modelWireRouter({ core, shutdown: shutdown.signal, maxMessageBytes, reflection: true });
  const handler = connectNodeAdapter({ ...router, contextValues: () => createContextValues().set(receivedAtKey, performance.now()) });
  const server = createServer(encodingGrpcMessageBySpec(handler));
  enforceStreamDeadlines(server, { requestTimeoutMs, sessionIdleMs: IDLE_CONNECTION_TIMEOUT_MS, openRequestPaths: openRequestPathsOf(router.routes) });
  // Clients keep their HTTP/2 connections open; close() ends them so the listener can stop.
  const sessions = new Set<Http2Session>();
  server.on('session', (session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the gRPC server has no TCP address');

  return {
    port: address.port,
    close: (graceMs = CLOSE_GRACE_MS) =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        shutdown.abort();
        for (const session of sessions) session.close();
        // A client that never finishes its stream must not hold the shutdown forever: one whose message was refused
        // as too large is still blocked sending the rest, because connect-es answers without reading it.
        setTimeout(() => sessions.forEach((session) => session.destroy()), graceMs).unref();
      }),
  };
}
