import type { InferenceCore } from '../../core/inference-core';
import { predictSeedFeatures } from '../shared/seed';
import type { SoapOperations } from './soap-endpoint';

/** The seed deck's spyne MLService (ml-service.wsdl): predict(feature1, feature2) → float, by the linear model "default". */
export function seedOperations(core: InferenceCore): SoapOperations {
  return {
    async predict(args: { feature1?: unknown; feature2?: unknown }, { receivedAt, principal }) {
      return { predictResult: await predictSeedFeatures(core, args.feature1, args.feature2, receivedAt, await principal()) };
    },
  };
}
