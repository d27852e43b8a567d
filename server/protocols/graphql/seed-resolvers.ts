import { randomUUID } from 'node:crypto';
import type { ModelDescriptor } from '../../../lib/contract';
import { ModelWireError } from '../../../lib/model-wire-error';
import type { InferenceCore } from '../../core/inference-core';
import { SEED_LINEAR_MODEL, seedModelMissing } from '../shared/seed';
import { predictionInputOfSeedString } from './codec';
import { withContractErrors } from './error-mapping';

// The seed slide deck's graphene schema (slide 3): all_models, model(id), create_prediction(model_id, input_data),
// camel-cased as graphene serves them. A model's id is its name.

interface CreatePredictionArgs {
  modelId: string;
  inputData: string;
}

function describeSeedModel(core: InferenceCore, modelId: string): ModelDescriptor {
  try {
    return core.describeModel(modelId);
  } catch (error) {
    if (modelId !== SEED_LINEAR_MODEL || !(error instanceof ModelWireError) || error.code !== 'not_found') throw error;
    const missing = seedModelMissing();
    const hint = 'Over GraphQL: mutation { train(model: "default", X: [[1, 2], [2, 1], [3, 3]], y: [1.3, 1.1, 2.0]) { r2 } }.';
    throw new ModelWireError(missing.code, `${missing.message} ${hint}`, missing.details);
  }
}

export function seedResolvers(core: InferenceCore) {
  return {
    Query: {
      allModels: withContractErrors<unknown, unknown, ModelDescriptor[]>(() => core.listModels()),
    },
    Mutation: {
      createPrediction: withContractErrors(async (_: unknown, { modelId, inputData }: CreatePredictionArgs, { receivedAt, principal }) => {
        const model = describeSeedModel(core, modelId);
        const result = await core.predict(modelId, predictionInputOfSeedString(model.input, inputData), { receivedAt, principal: await principal() });
        return { prediction: { id: randomUUID(), model, input: inputData, output: JSON.stringify(result.output), result } };
      }),
    },
  };
}
