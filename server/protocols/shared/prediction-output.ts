import type { PredictionOutput, PredictionResult } from '../../../lib/contract';
import { ModelWireError } from '../../../lib/model-wire-error';

/** The output of `result`, which the model that gave it answers as `kind`; another kind is a server bug (internal). */
export function outputOf<Kind extends PredictionOutput['kind']>(result: PredictionResult, kind: Kind): Extract<PredictionOutput, { kind: Kind }> {
  if (result.output.kind !== kind) throw ModelWireError.from(new Error(`${result.model.name} answered ${result.output.kind}, not ${kind}`));
  return result.output as Extract<PredictionOutput, { kind: Kind }>;
}
