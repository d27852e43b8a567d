import type { Principal } from '../../core/auth/principal';
import type { InferenceCore } from '../../core/inference-core';
import { predictSeedFeatures } from '../shared/seed';
import type { JsonObject, ReplyAddress } from './codec';
import { SEED_OUTPUT_TOPIC } from './topics';

// The seed deck's MQTT example: {"feature1", "feature2"} published on ml/input, {"prediction"} answered on ml/output.

/** The prediction of the trained linear model "default" at (feature1, feature2). */
export async function answerSeedMessage(core: InferenceCore, body: JsonObject, receivedAt: number, principal: Principal) {
  return { prediction: await predictSeedFeatures(core, body.feature1, body.feature2, receivedAt, principal) };
}

/** ml/input is always answered on ml/output, as in the slide deck, keeping any correlation the request carried. */
export const seedReplyAddress = (address: ReplyAddress | undefined): ReplyAddress => ({ ...address, topic: SEED_OUTPUT_TOPIC });
