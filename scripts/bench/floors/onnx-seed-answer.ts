import { float32Tensor, loadOnnxSession, outputFloats } from '../../../server/core/onnx-session';
import { exportLinearModel, INPUT, OUTPUT } from '../../../server/models/linear/export-linear-model';
import { TINY_GRAPH_THREADING } from '../../../server/models/linear/linear-models';
import { withVersion } from '../package-version';
import { SEED_COEFFICIENTS, SEED_INTERCEPT } from '../seed-formula';
import type { SeedAnswer } from './seed-answer';

// Its own module, imported only by a floor started with --onnx: the others never load onnxruntime.

/** What `--floors-onnx` adds to each floor's library in the report. */
export const ONNX_FLOOR_LIBRARY = `answering with the seed's linear graph through ${withVersion('onnxruntime-node')}, one run per call`;

/**
 * The seed's formula as the ONNX graph ModelWire's trained linear model is exported to, run by onnxruntime-node with
 * the session options ModelWire gives it, one run per call: a floor that pays for the model runtime as ModelWire does, but for
 * none of ModelWire's own code, so a ratio against it shows what that code costs.
 */
export async function onnxSeedAnswer(): Promise<SeedAnswer> {
  const graph = exportLinearModel({ name: 'seed', version: 1, featureCount: 2, coefficients: [...SEED_COEFFICIENTS], intercept: SEED_INTERCEPT });
  const session = await loadOnnxSession(graph, TINY_GRAPH_THREADING);
  return async (feature1, feature2) => {
    const outputs = await session.run({ [INPUT]: float32Tensor(Float32Array.of(feature1, feature2), [1, 2]) });
    return outputFloats(outputs, OUTPUT)[0]!;
  };
}
