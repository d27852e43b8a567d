import type { PredictionInput, PredictOptions } from '../../../lib/contract';
import { invalidInput } from '../../../lib/model-wire-error';
import type { ModelAnswer } from '../../core/served-model';
import { readFeatureRows } from './validate-training-data';

// A linear model's prediction around its graph, wherever the graph runs (onnxruntime here, or the inference backend):
// the rows checked and made float32 before, the predictions checked after.

/** The version a prediction runs (to name it in errors) and the features per row it takes, when known before running it. */
export interface LinearShape {
  version: number;
  featureCount: number;
}

/** Runs `features` (rows × width, float32) through the graph of the version asked for (the latest when left out). */
export type LinearGraphRun = (
  features: { rows: number; width: number; values: Float32Array },
  version: number | undefined,
) => Promise<{ version: number; predictions: Float32Array; inferenceMs: number; queueMs?: number }>;

export async function predictLinear(
  name: string,
  input: PredictionInput,
  options: PredictOptions,
  shape: LinearShape | undefined,
  run: LinearGraphRun,
): Promise<ModelAnswer> {
  if (input.kind !== 'features') throw invalidInput(`Model "${name}" takes rows of numeric features, not ${input.kind}.`);
  const preprocessStarted = performance.now();
  const features = readFeatureRows(input.rows, 'features');
  if (shape && features.width !== shape.featureCount) {
    throw invalidInput(`Model "${name}" v${shape.version} takes ${shape.featureCount} features per row; got ${features.width}.`);
  }
  const values = new Float32Array(features.values);
  const preprocessMs = performance.now() - preprocessStarted;
  const answer = await run({ rows: features.rows, width: features.width, values }, options.version);
  const predictions = Array.from(answer.predictions);
  const overflow = predictions.findIndex((value) => !Number.isFinite(value));
  if (overflow >= 0) {
    throw invalidInput(`features[${overflow}] gives a prediction beyond float32, the precision the model computes in; scale the features.`);
  }
  const { version, inferenceMs, queueMs } = answer;
  const output = { kind: 'regression' as const, values: predictions };
  // Two literals rather than a conditional spread, V8's slow path (see batched-linear-graph.ts).
  return queueMs === undefined ? { version, output, inferenceMs, preprocessMs } : { version, output, inferenceMs, preprocessMs, queueMs };
}
