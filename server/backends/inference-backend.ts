import { ModelWireError } from '../../lib/model-wire-error';
import type { InferenceBackendAddress } from './backend-address';
import { createGrpcOipClient } from './oip/grpc-oip-client';
import { createHttpOipClient } from './oip/http-oip-client';
import type { Float32Tensor, OipClient, RemoteInferRequest, RemoteModelMetadata } from './oip/oip-client';

// An Open Inference Protocol server that runs the model graphs (INFERENCE_BACKEND), and what ModelWire last learnt of
// the models it serves. Describing a model must not wait on the network, so that view is kept here and asked again
// in the background when it is older than REFRESH_MS, and after every call that suggests it changed.

/** What the backend serves of one model. */
export type ServedState =
  | { state: 'ready'; versions: number[]; metadata: RemoteModelMetadata }
  /** Known to the backend but not loaded, or the backend cannot be reached, or it has no such model. */
  | { state: 'not_ready' | 'unreachable' | 'missing' | 'unknown'; reason: string };

export interface RemoteRun {
  /** The version that answered, when the backend said. */
  version: number | undefined;
  output: Float32Tensor;
  inferenceMs: number;
}

export interface InferenceBackend {
  /** The INFERENCE_BACKEND setting, to name the backend in errors and descriptions. */
  readonly label: string;
  /** What the backend serves of `model`, as last learnt: never waits. */
  served(model: string): ServedState;
  /** Asks the backend now. */
  refresh(model: string): Promise<ServedState>;
  /** The models the backend was last found to serve, sorted. */
  servedNames(): string[];
  /** Runs one tensor through a model's graph; throws ModelWireError (not_installed when the backend is unavailable). */
  run(request: RemoteInferRequest): Promise<RemoteRun>;
  close(): void;
}

const REFRESH_MS = 5_000;
/** Any well-formed name may be asked about; what is remembered stays bounded (the oldest news goes first). */
const MAX_REMEMBERED = 1_024;

function stateOfFailure(error: unknown): ServedState {
  const wireError = ModelWireError.from(error);
  const reason = wireError.code === 'internal' && !(error instanceof ModelWireError) ? String(error) : wireError.message;
  if (wireError.code === 'not_found') return { state: 'missing', reason };
  return { state: wireError.code === 'not_installed' ? 'unreachable' : 'unknown', reason };
}

export function createInferenceBackend(address: InferenceBackendAddress, client: OipClient = openOipClient(address)): InferenceBackend {
  const known = new Map<string, { state: ServedState; learntAt: number }>();
  const asking = new Map<string, Promise<ServedState>>();

  function learn(model: string, state: ServedState): void {
    known.delete(model);
    known.set(model, { state, learntAt: Date.now() });
    if (known.size > MAX_REMEMBERED) known.delete(known.keys().next().value!);
  }

  async function ask(model: string): Promise<ServedState> {
    try {
      const [metadata, ready] = await Promise.all([client.modelMetadata(model), client.modelReady(model)]);
      return ready ? { state: 'ready', versions: metadata.versions, metadata } : { state: 'not_ready', reason: `the backend has not loaded "${model}"` };
    } catch (error) {
      return stateOfFailure(error);
    }
  }

  function refresh(model: string): Promise<ServedState> {
    const pending = asking.get(model);
    if (pending) return pending;
    const asked = ask(model).then((state) => {
      learn(model, state);
      asking.delete(model);
      return state;
    });
    asking.set(model, asked);
    return asked;
  }

  return {
    label: address.label,
    refresh,
    served(model) {
      const entry = known.get(model);
      if (!entry || Date.now() - entry.learntAt > REFRESH_MS) void refresh(model);
      return entry?.state ?? { state: 'unknown', reason: `not asked ${address.label} about "${model}" yet` };
    },
    servedNames: () => [...known].filter(([, { state }]) => state.state === 'ready').map(([name]) => name).sort(),

    async run(request) {
      const started = performance.now();
      try {
        const { version, output } = await client.infer(request);
        const state = known.get(request.model)?.state;
        if (state?.state !== 'ready' || (version !== undefined && !state.versions.includes(version))) void refresh(request.model);
        return { version, output, inferenceMs: performance.now() - started };
      } catch (error) {
        // What the call proved about the model is news for describe(): missing, or a backend that went away.
        const state = stateOfFailure(error);
        if (state.state !== 'unknown' && request.version === undefined) learn(request.model, state);
        throw ModelWireError.from(error);
      }
    },

    close: () => client.close(),
  };
}

export function openOipClient(address: InferenceBackendAddress): OipClient {
  return address.wire === 'grpc' ? createGrpcOipClient(address) : createHttpOipClient(address);
}
