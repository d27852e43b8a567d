import { createContextKey, type HandlerContext, type ServiceImpl } from '@connectrpc/connect';
import { InferenceService } from '../../../lib/gen/modelwire/v1/inference_pb';
import type { InferenceCore } from '../../core/inference-core';
import { principalOf } from './authentication-interceptor';
import { predictOptionsOf } from '../shared/prediction-input';
import { SEED_IMAGE_MODEL } from '../shared/seed';
import {
  classifyImageResponseMessage,
  modelDescriptorMessage,
  predictionInputOf,
  predictResponseMessage,
  trainRequestOf,
  trainResponseMessage,
} from './codec';
import { createLiveSentimentMethods } from './stream-handler';

/** performance.now() when the request arrived, set by the server in front of the router. */
export const receivedAtKey = createContextKey<number | undefined>(undefined, { description: 'request arrival time' });

export const receivedAtOf = (context: HandlerContext) => context.values.get(receivedAtKey) ?? performance.now();

/** modelwire.v1.InferenceService: each RPC is one call into the core (the live sentiment ones are in stream-handler.ts). */
export function createInferenceService(core: InferenceCore, shutdown: AbortSignal): ServiceImpl<typeof InferenceService> {
  return {
    listModels: () => ({ models: core.listModels().map(modelDescriptorMessage) }),

    async predict(request, context) {
      const input = predictionInputOf(request.input);
      const result = await core.predict(request.model, input, { ...predictOptionsOf(request, receivedAtOf(context)), principal: await principalOf(context) });
      return predictResponseMessage(result);
    },

    async classifyImage(request, context) {
      const options = { ...predictOptionsOf(request, receivedAtOf(context)), principal: await principalOf(context) };
      const result = await core.predict(request.model || SEED_IMAGE_MODEL, { kind: 'image', image: request.image }, options);
      return classifyImageResponseMessage(result);
    },

    async train(request, context) {
      const result = await core.train(request.model, trainRequestOf(request), { receivedAt: receivedAtOf(context), principal: await principalOf(context) });
      return trainResponseMessage(result);
    },

    ...createLiveSentimentMethods(core, shutdown),
  };
}
