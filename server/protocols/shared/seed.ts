import { ModelWireError, invalidInput } from '../../../lib/model-wire-error';
import type { Principal } from '../../core/auth/principal';
import type { InferenceCore } from '../../core/inference-core';
import { outputOf } from './prediction-output';

// The seed slide deck's examples, answered the same way on every protocol.

/** The linear model the seed's /train trains and its feature1/feature2 services query. */
export const SEED_LINEAR_MODEL = 'default';
export const SEED_IMAGE_MODEL = 'mobilenetv2';
export const SEED_TEXT_MODEL = 'sentiment';

export function seedModelMissing(): ModelWireError {
  return new ModelWireError(
    'not_found',
    `The linear model "${SEED_LINEAR_MODEL}" has not been trained yet. Train it first: POST /train with {"X": [[...], ...], "y": [...]} (two features per row for feature1/feature2 calls).`,
    { model: SEED_LINEAR_MODEL },
  );
}

/** Predicts rows with the seed's `default` model, saying clearly when it has not been trained. */
export async function predictWithSeedModel(core: InferenceCore, rows: number[][], receivedAt?: number, principal?: Principal): Promise<number[]> {
  let result;
  try {
    result = await core.predict(SEED_LINEAR_MODEL, { kind: 'features', rows }, { receivedAt, principal });
  } catch (error) {
    // Not trained yet: the registry has no model of that name at all (an unknown version has no such detail).
    const untrained = error instanceof ModelWireError && error.code === 'not_found' && error.details?.model === SEED_LINEAR_MODEL;
    throw untrained ? seedModelMissing() : error;
  }
  return outputOf(result, 'regression').values;
}

/** The seed's `predict(feature1, feature2) → prediction` (SOAP, gRPC, WebSocket and MQTT examples). */
export async function predictSeedFeatures(
  core: InferenceCore,
  feature1: unknown,
  feature2: unknown,
  receivedAt?: number,
  principal?: Principal,
): Promise<number> {
  if (typeof feature1 !== 'number' || typeof feature2 !== 'number' || !Number.isFinite(feature1) || !Number.isFinite(feature2)) {
    throw invalidInput('feature1 and feature2 must both be finite numbers.');
  }
  const [prediction] = await predictWithSeedModel(core, [[feature1, feature2]], receivedAt, principal);
  return prediction!;
}
