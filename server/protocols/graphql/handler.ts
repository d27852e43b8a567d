import type { ModelDescriptor, PredictionResult, TrainResult } from '../../../lib/contract';
import { invalidInput } from '../../../lib/model-wire-error';
import type { InferenceCore } from '../../core/inference-core';
import { predictOptionsOf } from '../shared/prediction-input';
import { predictionInputOfGraphQL, typeResolvers, type GraphQLPredictionInput } from './codec';
import { withContractErrors } from './error-mapping';
import { seedResolvers } from './seed-resolvers';
import { streamResolvers } from './stream-resolvers';

interface ModelArgs {
  name?: string | null;
  id?: string | null;
}

interface PredictArgs {
  model: string;
  input: GraphQLPredictionInput;
  topK?: number | null;
  version?: number | null;
}

interface TrainArgs {
  model: string;
  X: number[][];
  y: number[];
  ridge?: number | null;
}

function modelNameOf({ name, id }: ModelArgs): string {
  const given = [name, id].filter((value) => value !== undefined && value !== null);
  if (given.length !== 1) throw invalidInput('Give exactly one of "name" or "id" (the id is the model name).');
  return given[0]!;
}

/** Every resolver of the schema: each one translates its arguments into one call into the core. */
export function createResolvers(core: InferenceCore, shutdown: AbortSignal) {
  const seed = seedResolvers(core);
  const stream = streamResolvers(core, shutdown);
  return {
    ...typeResolvers,
    Model: { id: (model: ModelDescriptor) => model.name },
    Query: {
      models: withContractErrors<unknown, unknown, ModelDescriptor[]>(() => core.listModels()),
      model: withContractErrors<unknown, ModelArgs, ModelDescriptor>((_, args) => core.describeModel(modelNameOf(args))),
      ...seed.Query,
    },
    Mutation: {
      predict: withContractErrors<unknown, PredictArgs, PredictionResult>(async (_, args, { receivedAt, principal }) => {
        const input = await predictionInputOfGraphQL(args.input);
        return core.predict(args.model, input, { ...predictOptionsOf(args, receivedAt), principal: await principal() });
      }),
      train: withContractErrors<unknown, TrainArgs, TrainResult>(async (_, { model, X, y, ridge }, { receivedAt, principal }) =>
        core.train(model, { X, y, ...(ridge === null || ridge === undefined ? {} : { ridge }) }, { receivedAt, principal: await principal() }),
      ),
      ...seed.Mutation,
      ...stream.Mutation,
    },
    Subscription: stream.Subscription,
  };
}
