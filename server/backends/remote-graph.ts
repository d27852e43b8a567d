import type { ModelDescriptor } from '../../lib/contract';
import { ModelWireError } from '../../lib/model-wire-error';
import type { RawTensorRunner, RawTensorSignature } from '../core/raw-tensor-inference';
import { splitRows, stackItems } from '../core/served-model';
import type { InferenceBackend } from './inference-backend';

// A model's graph run by the inference backend instead of onnxruntime in this process: the same RawTensorRunner the
// local graph gives, so each model keeps its own featurising and reading of the outputs.

export interface RemoteGraphOptions {
  backend: InferenceBackend;
  model: string;
  signature: RawTensorSignature;
}

/** The versions the backend serves of `model`, and whether it is ready, as a descriptor's fields. */
export function remoteAvailability(backend: InferenceBackend, model: string): Pick<ModelDescriptor, 'status' | 'version' | 'versions'> {
  const served = backend.served(model);
  if (served.state !== 'ready') return { status: 'not_installed', version: null, versions: [] };
  return { status: 'ready', version: served.versions.at(-1) ?? null, versions: [...served.versions] };
}

/** not_installed, for a model ModelWire always serves (a built-in) that the backend lacks or has not loaded. */
export function notOnBackend(backend: InferenceBackend, model: string, reason?: string): ModelWireError {
  const why = reason ?? backend.served(model).state;
  return new ModelWireError(
    'not_installed',
    `Model "${model}" is not served by the inference backend ${backend.label} (${why}). Load it there: see docs/serving/remote-backend.md.`,
    { model, backend: backend.label },
  );
}

/** The version that answered: as the backend said, else as asked, else the latest the backend listed. */
export function answeredVersion(backend: InferenceBackend, model: string, said: number | undefined, asked: number | undefined): number {
  const answered = said ?? asked ?? remoteAvailability(backend, model).version;
  if (answered === null) throw new Error(`the backend did not say which version of "${model}" answered`);
  return answered;
}

export function remoteTensorRunner({ backend, model, signature }: RemoteGraphOptions): RawTensorRunner {
  const { input, output } = signature;
  return {
    ...signature,
    async run(items, version) {
      const data = stackItems(items, input.itemDims);
      const answer = await backend.run({ model, version, input: { name: input.name, shape: [items.length, ...input.itemDims], data }, output: output.name });
      return { version: answeredVersion(backend, model, answer.version, version), outputs: splitRows(answer.output.data, items.length, output.itemDims), inferenceMs: answer.inferenceMs };
    },
  };
}

/** A built-in model's remote runner: the backend lacking the model (not_found) is the model not installed. */
export function builtinRemoteRunner(options: RemoteGraphOptions): RawTensorRunner {
  const runner = remoteTensorRunner(options);
  return {
    ...runner,
    run: (items, version) =>
      runner.run(items, version).catch((error: unknown) => {
        if (error instanceof ModelWireError && error.code === 'not_found' && version === undefined) throw notOnBackend(options.backend, options.model, error.message);
        throw error;
      }),
  };
}
