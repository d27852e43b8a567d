import type { ModelDescriptor } from '../../lib/contract';
import { ModelWireError } from '../../lib/model-wire-error';
import type { LinearModels } from '../models/linear/linear-models';
import type { ServedModel } from './served-model';

const MODEL_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/i;

/** Finds a model by name: the built-in ones first, then the user-trained linear models. */
export function createModelRegistry(builtins: readonly ServedModel[], linear: LinearModels) {
  const builtinByName = new Map(builtins.map((model) => [model.name, model]));

  function get(name: string): ServedModel {
    const model = builtinByName.get(name) ?? (linear.has(name) ? linear.get(name) : undefined);
    if (!model) {
      throw new ModelWireError('not_found', `There is no model named "${name}". Known models: ${names().join(', ')}.`, { model: name });
    }
    return model;
  }

  const names = () => [...builtinByName.keys(), ...linear.names()];

  const list = (): ModelDescriptor[] => names().map((name) => get(name).describe());

  /** A name a linear model may be trained under: well-formed and not a built-in model. */
  function assertTrainableName(name: string): void {
    if (!MODEL_NAME.test(name)) {
      throw new ModelWireError('invalid_input', 'A model name is 1-63 letters, digits, ".", "_" or "-", starting with a letter or digit.');
    }
    if (builtinByName.has(name)) {
      throw new ModelWireError('invalid_input', `"${name}" is a built-in model and cannot be trained through the API; pick another name.`);
    }
  }

  return { get, list, names, assertTrainableName };
}

export type ModelRegistry = ReturnType<typeof createModelRegistry>;
