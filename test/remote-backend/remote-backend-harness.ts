import { afterAll, beforeAll } from 'vitest';
import type { BackendWire } from '../../server/backends/backend-address';
import type { InferenceCore } from '../../server/core/inference-core';
import { createReferenceCore } from '../conformance/reference';
import { EXACT_X, EXACT_Y } from '../support/linear-fixture';
import { hasSharedImagenet, SHARED_IMAGENET_DIR } from '../support/shared-files';
import { makeTempDir, startApi, type RunningApi } from '../support/start-api';

// ModelWire B started as it always is, serving the Open Inference Protocol, and ModelWire A started with
// INFERENCE_BACKEND pointing at B over one wire: A keeps the protocols, B runs the graphs.

export const LINEAR_MODEL = 'houses';
/** Version 2 of the linear model fits y doubled, so the two versions answer differently. */
export const DOUBLED_Y = EXACT_Y.map((y) => 2 * y);

export interface RemoteBackendSetup {
  /** The backend; replaced by restartBackend(). */
  backend: RunningApi;
  /** The front, with INFERENCE_BACKEND set. */
  front: RunningApi;
  /** The same built-in models in this process, with no backend and no protocol: the expected answers. */
  reference: InferenceCore;
  /** Stops the backend, keeping its DATA_DIR and ports for restartBackend(). */
  stopBackend(): Promise<void>;
  /** Starts the backend again on the same ports with the same DATA_DIR. */
  restartBackend(): Promise<void>;
}

const backendUrl = (wire: BackendWire, backend: RunningApi) => (wire === 'grpc' ? `oip+grpc://${backend.grpcAddress}` : `oip+http://${new URL(backend.url).host}`);

export function useRemoteBackend(wire: BackendWire): () => RemoteBackendSetup {
  const modelsDir = hasSharedImagenet ? SHARED_IMAGENET_DIR : undefined;
  let setup: RemoteBackendSetup | undefined;
  let backendStopped = false;

  beforeAll(async () => {
    let backend = await startApi({ modelsDir });
    await backend.server.core.train(LINEAR_MODEL, { X: EXACT_X, y: EXACT_Y });
    await backend.server.core.train(LINEAR_MODEL, { X: EXACT_X, y: DOUBLED_Y });
    const ports = { API_PORT: new URL(backend.url).port, GRPC_PORT: backend.grpcAddress.split(':')[1]! };
    // The front reads only ImageNet's labels from MODELS_DIR; no cache, so every call reaches the backend.
    const front = await startApi({ modelsDir: modelsDir ?? (await makeTempDir('front-models')), env: { INFERENCE_BACKEND: backendUrl(wire, backend), CACHE_MAX_BYTES: '0' } });
    const reference = await createReferenceCore(modelsDir);
    setup = {
      get backend() {
        return backend;
      },
      front,
      reference,
      async stopBackend() {
        await backend.close();
        backendStopped = true;
      },
      async restartBackend() {
        backend = await startApi({ modelsDir, dataDir: backend.dataDir, env: ports });
        backendStopped = false;
      },
    };
  });

  afterAll(async () => {
    await setup?.front.close({ removeData: true });
    if (setup && !backendStopped) await setup.backend.close({ removeData: true });
    await setup?.reference.drain();
  });

  return () => setup!;
}
