import { invalidInput } from '../../../lib/model-wire-error';
import type { InferenceCore } from '../../core/inference-core';
import { predictionInputOf, predictOptionsOf } from '../shared/prediction-input';
import { SEED_IMAGE_MODEL } from '../shared/seed';
import {
  classifyImageResponseOf,
  inputFieldsOf,
  modelDescriptorOf,
  predictResponseOf,
  requiredModelName,
  trainRequestOf,
  trainResponseOf,
  type PredictArgs,
  type TrainArgs,
} from './codec';
import type { SoapOperations } from './soap-endpoint';

/** The operations of ModelWireService (model-wire.wsdl): each one typed call into the core. */
export function modelWireOperations(core: InferenceCore): SoapOperations {
  return {
    async ListModels() {
      return { model: core.listModels().map(modelDescriptorOf) };
    },

    async Predict(args: PredictArgs, { receivedAt, principal }) {
      const name = requiredModelName(args.model);
      const result = await core.predict(name, predictionInputOf(inputFieldsOf(args)), { ...predictOptionsOf(args, receivedAt), principal: await principal() });
      return predictResponseOf(result);
    },

    async ClassifyImage(args: PredictArgs, { receivedAt, principal }) {
      const name = args.model === undefined || args.model === null ? SEED_IMAGE_MODEL : requiredModelName(args.model);
      if (typeof args.image !== 'string') throw invalidInput('<image> (base64 bytes of a JPEG, PNG or WebP) is required.');
      const result = await core.predict(name, predictionInputOf({ image: args.image }), { ...predictOptionsOf(args, receivedAt), principal: await principal() });
      if (result.output.kind !== 'classification') throw invalidInput(`"${name}" is not an image classifier; use Predict for it.`);
      return classifyImageResponseOf(result, result.output.labels);
    },

    async Train(args: TrainArgs, { receivedAt, principal }) {
      const result = await core.train(requiredModelName(args.model), trainRequestOf(args), { receivedAt, principal: await principal() });
      return trainResponseOf(result);
    },
  };
}
