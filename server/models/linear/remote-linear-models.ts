import type { ModelDescriptor } from '../../../lib/contract';
import { ModelWireError } from '../../../lib/model-wire-error';
import type { InferenceBackend } from '../../backends/inference-backend';
import { answeredVersion, remoteAvailability } from '../../backends/remote-graph';
import type { ServedModel } from '../../core/served-model';
import type { TrainableModels } from '../../core/trainable-models';
import { INPUT, OUTPUT } from './export-linear-model';
import { predictLinear, type LinearGraphRun, type LinearShape } from './linear-prediction';

// Linear models served by the inference backend (INFERENCE_BACKEND): the backend's model repository is the source of
// their names and versions, so they are not trained here. The protocol has no call listing a server's models: a name is
// asked about when a request names it, and listed once the backend has said it serves it.

export const REMOTE_TRAINING_REFUSED = 'training_on_backend';

/** The features per row the backend's graph takes, from its metadata: features [-1, F]. */
function featureCountOf(backend: InferenceBackend, name: string): number | undefined {
  const served = backend.served(name);
  const width = served.state === 'ready' ? served.metadata.inputs.find((input) => input.name === INPUT)?.shape[1] : undefined;
  return width !== undefined && width > 0 ? width : undefined;
}

export function createRemoteLinearModels(backend: InferenceBackend, builtinNames: readonly string[]): TrainableModels {
  /** What the backend last said; the backend itself answers for a version newer than that. */
  function shapeOf(name: string, version: number | undefined): LinearShape | undefined {
    const featureCount = featureCountOf(backend, name);
    const wanted = version ?? remoteAvailability(backend, name).version;
    // Triton serves every version from one config, so every version takes the latest one's width.
    return featureCount === undefined || wanted === null ? undefined : { version: wanted, featureCount };
  }

  const runGraph = (name: string): LinearGraphRun => async ({ rows, width, values }, version) => {
    const answer = await backend.run({ model: name, version, input: { name: INPUT, shape: [rows, width], data: values }, output: OUTPUT });
    return { version: answeredVersion(backend, name, answer.version, version), predictions: answer.output.data, inferenceMs: answer.inferenceMs };
  };

  function describe(name: string): ModelDescriptor {
    const availability = remoteAvailability(backend, name);
    const featureCount = featureCountOf(backend, name);
    return {
      name,
      kind: 'linear-regression',
      input: 'features',
      description: `Linear regression served by the inference backend ${backend.label}.`,
      ...availability,
      ...(featureCount === undefined ? {} : { featureCount }),
      trainable: false,
    };
  }

  const asServedModel = (name: string): ServedModel => ({
    name,
    describe: () => describe(name),
    predict: (input, options) => predictLinear(name, input, options, shapeOf(name, options.version), runGraph(name)),
  });

  return {
    names: () => backend.servedNames().filter((name) => !builtinNames.includes(name)),
    // Any well-formed name may be on the backend; a request for one it lacks answers not_found from there.
    has: () => true,
    get: asServedModel,
    async train(name) {
      throw new ModelWireError(
        'forbidden',
        `Training is off on this server: its models run on the inference backend ${backend.label}, whose model repository is the source of versions. ` +
          `Train "${name}" on a ModelWire without INFERENCE_BACKEND, export it with \`npm run models:export-repository\` and load it into the backend.`,
        { model: name, backend: backend.label, reason: REMOTE_TRAINING_REFUSED },
      );
    },
  };
}
