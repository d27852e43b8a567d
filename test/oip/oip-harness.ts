import { afterAll, beforeAll } from 'vitest';
import type { InferenceCore } from '../../server/core/inference-core';
import { hasSharedImagenet, SHARED_IMAGENET_DIR } from '../support/shared-files';
import { startApi, type RunningApi } from '../support/start-api';

// The Open Inference Protocol where clients meet it: REST under /v2 on the API port, and the gRPC service on the
// native gRPC listener (grpc-js through the bridge, with the router's interceptors and request budgets).

export interface OipHarness {
  core: InferenceCore;
  /** http://127.0.0.1:port of the API port. */
  restUrl: string;
  /** 127.0.0.1:port of the native gRPC listener (h2c). */
  grpcAddress: string;
}

/** A real server (the shared ImageNet model when present) serving the OIP over REST and gRPC, for the enclosing describe or file. */
export function useOipHarness(): () => OipHarness {
  let api: RunningApi | undefined;
  beforeAll(async () => {
    api = await startApi(hasSharedImagenet ? { modelsDir: SHARED_IMAGENET_DIR } : {});
  });
  afterAll(async () => {
    await api?.close({ removeData: true });
  });
  return () => {
    if (!api) throw new Error('the OIP harness is not running (read before beforeAll ran)');
    return { core: api.server.core, restUrl: api.url, grpcAddress: api.grpcAddress };
  };
}
