import type { ModelDescriptor } from '../../lib/contract';
import { assertModelName } from '../../lib/model-name';
import { ModelWireError, invalidInput } from '../../lib/model-wire-error';
import type { ServedModel } from './served-model';
import type { TrainableModels } from './trainable-models';

/** Finds a model by name: the built-in ones first, then the trained ones. Every lookup checks the name first. */
export function createModelRegistry(builtins: readonly ServedModel[], trainable: TrainableModels) {
  const builtinByName = new Map(builtins.map((model) => [model.name, model]));

  function get(name: string): ServedModel {
    assertModelName(name);
    const model = builtinByName.get(name) ?? (trainable.has(name) ? trainable.get(name) : undefined);
    if (!model) {
      throw new ModelWireError('not_found', `There is no model named "${name}". Known models: ${names().join(', ')}.`, { model: name });
    }
    return model;
  }

  const names = () => [...builtinByName.keys(), ...trainable.names()];

  const list = (): ModelDescriptor[] => names().map((name) => get(name).describe());

  /** A name a model may be trained under: well-formed and not a built-in model. */
  function assertTrainableName(name: string): void {
    assertModelName(name);
    if (builtinByName.has(name)) throw invalidInput(`"${name}" is a built-in model and cannot be trained through the API; pick another name.`);
  }

  return { get, list, names, assertTrainableName };
}

export type ModelRegistry = ReturnType<typeof createModelRegistry>;
