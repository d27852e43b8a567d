import packageJson from '../../../package.json' with { type: 'json' };
import type { ModelDescriptor } from '../../../lib/contract';
import { ModelWireError, invalidInput } from '../../../lib/model-wire-error';
import type { Principal } from '../../core/auth/principal';
import type { InferenceCore } from '../../core/inference-core';
import type { InferRequest, InferResponse, RequestedOutput, TensorMetadata } from './inference-tensors';
import { inferByKind } from './model-inference';
import { modelTensors, PLATFORM } from './model-tensors';

// The Open Inference Protocol's operations over the core, for both of its wires: REST (rest-routes.ts) and gRPC
// (grpc-service.ts) only translate to and from these.

const SERVER_NAME = 'modelwire';
/** Request and input parameters: top_k, and binary_data_output on gRPC. */
const SERVER_EXTENSIONS = ['parameters'];

export interface ServerMetadata {
  name: string;
  version: string;
  extensions: string[];
}

export interface ModelMetadata {
  name: string;
  versions: string[];
  platform: string;
  inputs: TensorMetadata[];
  outputs: TensorMetadata[];
}

export interface CallContext {
  principal?: Principal;
  /** performance.now() when the request arrived. */
  receivedAt: number;
}

export interface OipHandler {
  serverLive(): boolean;
  /** Whether every model the server lists is ready (installed and loaded). */
  serverReady(): boolean;
  serverMetadata(): ServerMetadata;
  /** not_found for an unknown model or version. */
  modelReady(name: string, version?: string): boolean;
  modelMetadata(name: string, version?: string): ModelMetadata;
  infer(request: InferRequest, context: CallContext): Promise<InferResponse>;
}

/** The version a request names, checked against those the model lists; undefined (the latest) when it names none. */
function versionOf(model: ModelDescriptor, version: string | undefined): number | undefined {
  if (version === undefined || version === '') return undefined;
  const number = /^[1-9]\d{0,14}$/.test(version) ? Number(version) : undefined;
  // A model not installed lists no version: the core then says not_installed, whatever the version.
  if (number === undefined || (model.versions.length > 0 && !model.versions.includes(number))) {
    throw new ModelWireError('not_found', `Model "${model.name}" has no version "${version}"; it has ${model.versions.join(', ') || 'none yet'}.`, {
      model: model.name,
      versions: model.versions,
    });
  }
  return number;
}

/** The outputs a request asked for, in its order; all of them when it named none. */
function requestedOutputs<Output extends { name: string }>(outputs: Output[], requested: RequestedOutput[] | undefined): Output[] {
  if (!requested || requested.length === 0) return outputs;
  return requested.map(({ name }) => {
    const output = outputs.find((candidate) => candidate.name === name);
    if (!output) throw invalidInput(`There is no output "${name}" for these inputs; there are ${outputs.map((each) => `"${each.name}"`).join(', ')}.`);
    return output;
  });
}

export function createOipHandler(core: InferenceCore): OipHandler {
  const describe = (name: string, version: string | undefined) => {
    const model = core.describeModel(name);
    versionOf(model, version);
    return model;
  };

  return {
    serverLive: () => true,
    serverReady: () => core.listModels().every((model) => model.status === 'ready'),
    serverMetadata: () => ({ name: SERVER_NAME, version: packageJson.version, extensions: SERVER_EXTENSIONS }),

    modelReady: (name, version) => describe(name, version).status === 'ready',

    modelMetadata(name, version) {
      const model = describe(name, version);
      const { inputs, outputs } = modelTensors(model, core.rawTensorsOf(name));
      return { name: model.name, versions: model.versions.map(String), platform: PLATFORM, inputs, outputs };
    },

    async infer(request, { principal, receivedAt }) {
      const model = core.describeModel(request.modelName);
      const version = versionOf(model, request.modelVersion);
      // Before the model runs: an output no input of this model gives is a mistake whatever the inputs.
      if (request.outputs?.length) requestedOutputs(modelTensors(model, core.rawTensorsOf(model.name)).outputs, request.outputs);
      const requestedOutputNames = (request.outputs ?? []).map((output) => output.name);
      const call = { core, model: model.name, version, principal, receivedAt, parameters: request.parameters, requestedOutputs: requestedOutputNames };
      const answer = await inferByKind(model.kind, call, request.inputs);
      return {
        modelName: model.name,
        modelVersion: String(answer.version),
        ...(request.id ? { id: request.id } : {}),
        outputs: requestedOutputs(answer.outputs, request.outputs),
      };
    },
  };
}
