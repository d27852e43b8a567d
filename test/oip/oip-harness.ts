import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { connectNodeAdapter } from '@connectrpc/connect-node';
import Fastify from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { MAX_BODY_BYTES } from '../../lib/size-limits';
import type { InferenceCore } from '../../server/core/inference-core';
import { createAuthenticationInterceptor } from '../../server/protocols/grpc/authentication-interceptor';
import { createErrorMappingInterceptor } from '../../server/protocols/grpc/error-mapping';
import { createOipGrpcService, GRPCInferenceService, oipRestRoutes } from '../../server/protocols/oip';
import { authenticateRequests } from '../../server/protocols/shared/request-principal';
import { stampArrivalTime } from '../../server/request-timing';
import { hasSharedImagenet, SHARED_IMAGENET_DIR } from '../support/shared-files';
import { startApi, type RunningApi } from '../support/start-api';

// The Open Inference Protocol mounted on its own listeners over a real core, so its tests do not depend on how the
// API server wires it: the REST plugin on a fastify instance of its own, the gRPC service on a connect-node HTTP/2
// server with the interceptors the gRPC router puts in front of every service.

export interface OipHarness {
  core: InferenceCore;
  /** http://127.0.0.1:port of the REST plugin. */
  restUrl: string;
  /** 127.0.0.1:port of the gRPC service (h2c). */
  grpcAddress: string;
}

async function listenRest(core: InferenceCore) {
  const app = Fastify({ bodyLimit: MAX_BODY_BYTES });
  stampArrivalTime(app);
  authenticateRequests(app, core);
  await app.register(oipRestRoutes, { core });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, close: () => app.close() };
}

async function listenGrpc(core: InferenceCore) {
  const handler = connectNodeAdapter({
    readMaxBytes: MAX_BODY_BYTES,
    writeMaxBytes: MAX_BODY_BYTES,
    interceptors: [createErrorMappingInterceptor((error) => console.error('gRPC internal error', error)), createAuthenticationInterceptor(core)],
    routes: (router) => router.service(GRPCInferenceService, createOipGrpcService(core)),
  });
  const server = http2.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A real core (the shared ImageNet model when present) with the OIP served over REST and gRPC, for the enclosing describe or file. */
export function useOipHarness(): () => OipHarness {
  let api: RunningApi | undefined;
  let harness: OipHarness | undefined;
  const closers: Array<() => Promise<unknown>> = [];
  beforeAll(async () => {
    api = await startApi(hasSharedImagenet ? { modelsDir: SHARED_IMAGENET_DIR } : {});
    const core = api.server.core;
    const [rest, grpc] = await Promise.all([listenRest(core), listenGrpc(core)]);
    closers.push(rest.close, grpc.close);
    harness = { core, restUrl: rest.url, grpcAddress: grpc.address };
  });
  afterAll(async () => {
    await Promise.all(closers.map((close) => close()));
    await api?.close({ removeData: true });
  });
  return () => {
    if (!harness) throw new Error('the OIP harness is not running (read before beforeAll ran)');
    return harness;
  };
}
