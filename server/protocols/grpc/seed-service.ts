import type { ServiceImpl } from '@connectrpc/connect';
import { MLModel } from '../../../lib/gen/ml_model_pb';
import type { InferenceCore } from '../../core/inference-core';
import { predictSeedFeatures } from '../shared/seed';
import { principalOf } from './authentication-interceptor';
import { receivedAtOf } from './handler';

/** The seed deck's MLModel.Predict(feature1, feature2) (proto/ml_model.proto), answered by the linear model "default". */
export function createSeedService(core: InferenceCore): ServiceImpl<typeof MLModel> {
  return {
    predict: async (request, context) => ({
      prediction: await predictSeedFeatures(core, request.feature1, request.feature2, receivedAtOf(context), await principalOf(context)),
    }),
  };
}
