import { encodeDenseModel } from '../../core/onnx-export';
import type { LinearModelRecord } from './linear-model-record';

export const INPUT = 'features';
export const OUTPUT = 'prediction';

/** The ONNX file of one version: features (N × featureCount, float32) → prediction (N × 1). */
export function exportLinearModel(record: Pick<LinearModelRecord, 'name' | 'version' | 'featureCount' | 'coefficients' | 'intercept'>) {
  return encodeDenseModel({
    inputName: INPUT,
    outputName: OUTPUT,
    inputSize: record.featureCount,
    outputSize: 1,
    weights: Float32Array.from(record.coefficients),
    bias: Float32Array.of(record.intercept),
    activation: 'none',
    description: `ModelWire linear regression "${record.name}" version ${record.version}`,
    metadata: { name: record.name, version: String(record.version) },
  });
}
