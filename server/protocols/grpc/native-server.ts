import { createContextValues } from '@connectrpc/connect';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import type { InferenceCore } from '../../core/inference-core';
import { IDLE_CONNECTION_TIMEOUT_MS } from '../shared/request-deadlines';
import { toConnectError } from './error-mapping';
import { grpcJsServiceOf, servicesOf, type BridgeOptions } from './grpc-js-bridge';
import { http2ServersOf } from './grpc-js-http2-servers';
import { answeringGrpcJsRefusals } from './grpc-js-refusals';
import { receivedAtKey } from './handler';
import { assertProtobufWithinBudget } from './protobuf-budget';
import { DEFAULT_MAX_MESSAGE_BYTES, modelWireRouter } from './routes';
import { enforceRequestDeadlines, openRequestPathsOf } from './stream-deadlines';

const CLOSE_GRACE_MS = 2000;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

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

/** host:port as grpc-js reads it, an IPv6 host in brackets. */
const addressOf = (host: string, port: number) => `${host.includes(':') ? `[${host}]` : host}:${port}`;

function bind(server: Server, address: string): Promise<number> {
  return new Promise((resolve, reject) =>
    server.bindAsync(address, ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))),
  );
}

/**
 * Native gRPC over HTTP/2 cleartext (h2c) for grpc-js, grpcio, grpcurl and Postman, with server reflection: the
 * services and interceptors of the API port's gRPC-Web and Connect, served by @grpc/grpc-js.
 */
export async function startGrpcServer(options: GrpcServerOptions): Promise<RunningGrpcServer> {
  const { core, host, port, maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES, requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS } = options;
  const shutdown = new AbortController();
  const router = modelWireRouter({ core, shutdown: shutdown.signal, maxMessageBytes, reflection: true });
  const services = servicesOf(router.routes);
  const server = new Server({
    'grpc.max_receive_message_length': maxMessageBytes,
    'grpc.max_send_message_length': maxMessageBytes,
    'grpc.max_connection_idle_ms': IDLE_CONNECTION_TIMEOUT_MS,
    // Channelz bookkeeping costs every call, and nothing here reads it.
    'grpc.enable_channelz': 0,
  });
  const bridge: BridgeOptions = {
    interceptors: router.interceptors,
    contextValues: () => createContextValues().set(receivedAtKey, performance.now()),
    inspectRequest: assertProtobufWithinBudget,
    toConnectError,
  };
  for (const service of services) {
    const { definition, implementation } = grpcJsServiceOf(service, bridge);
    server.addService(definition, implementation);
  }

  const boundPort = await bind(server, addressOf(host, port));
  const openRequestPaths = openRequestPathsOf(services);
  for (const http2Server of http2ServersOf(server)) {
    answeringGrpcJsRefusals(http2Server);
    enforceRequestDeadlines(http2Server, requestTimeoutMs, openRequestPaths);
  }

  return {
    port: boundPort,
    close: (graceMs = CLOSE_GRACE_MS) =>
      new Promise<void>((resolve) => {
        shutdown.abort();
        // GOAWAY to every connection now; those with calls still open after graceMs are cut. (forceShutdown() would cut
        // only the connections grpc-js tracks for channelz, which is off here.)
        server.drain(addressOf(host, boundPort), graceMs);
        server.tryShutdown(() => resolve());
      }),
  };
}
