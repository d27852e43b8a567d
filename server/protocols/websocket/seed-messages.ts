import { ModelWireError, invalidInput } from '../../../lib/model-wire-error';
import type { Principal } from '../../core/auth/principal';
import type { InferenceCore } from '../../core/inference-core';
import { predictSeedFeatures, SEED_TEXT_MODEL } from '../shared/seed';

// The seed deck's WebSocket examples (slides 6 and 9), answered with exactly the shapes their clients print.

/** Slide 6: {"feature1": 1.0, "feature2": 2.0} → {"prediction": ..} from the trained linear model "default". */
export async function answerSeedFeatures(core: InferenceCore, feature1: unknown, feature2: unknown, receivedAt: number, principal?: Principal) {
  return { prediction: await predictSeedFeatures(core, feature1, feature2, receivedAt, principal) };
}

const capitalised = (label: string) => label.charAt(0).toUpperCase() + label.slice(1);

/** Slide 9: {"text": ".."} → {"text", "sentiment_score" in [-1, 1], "classification": "Positive" | "Negative" | "Neutral"}. */
export async function answerSeedText(core: InferenceCore, text: unknown, receivedAt: number, principal?: Principal) {
  if (typeof text !== 'string') throw invalidInput('"text" must be a string.');
  const result = await core.predict(SEED_TEXT_MODEL, { kind: 'text', text }, { receivedAt, principal });
  if (result.output.kind !== 'sentiment') throw ModelWireError.from(new Error(`${SEED_TEXT_MODEL} is not a sentiment model`));
  return { text, sentiment_score: result.output.score, classification: capitalised(result.output.label) };
}
