import type { ModelDescriptor } from '../../../lib/contract';
import type { GraphTensor, RawTensorSignature } from '../../core/raw-tensor-inference';
import type { TensorMetadata } from './inference-tensors';

// The tensors each kind of model takes and gives over the Open Inference Protocol. N (-1 here) is the batch: N texts,
// N images or N rows give N answers.

/** Every model here runs on onnxruntime from an ONNX file (Triton's name for that backend). */
export const PLATFORM = 'onnxruntime_onnx';

export const TENSOR = {
  text: 'text',
  label: 'label',
  score: 'score',
  probability: 'probability',
  image: 'image',
  labels: 'labels',
  probabilities: 'probabilities',
  features: 'features',
  predictions: 'predictions',
} as const;

export interface ModelTensors {
  /** A request gives exactly one of them. */
  inputs: TensorMetadata[];
  outputs: TensorMetadata[];
}

const VARIABLE = -1;

const graphTensor = ({ name, itemDims }: GraphTensor): TensorMetadata => ({ name, datatype: 'FP32', shape: [VARIABLE, ...itemDims] });

/** The tensors of a model; `raw` is its own graph input and output, when the core serves them (rawTensorsOf). */
export function modelTensors(model: ModelDescriptor, raw: RawTensorSignature | undefined): ModelTensors {
  switch (model.kind) {
    case 'text-sentiment':
      return {
        inputs: [{ name: TENSOR.text, datatype: 'BYTES', shape: [VARIABLE] }],
        outputs: [
          { name: TENSOR.label, datatype: 'BYTES', shape: [VARIABLE] },
          { name: TENSOR.score, datatype: 'FP32', shape: [VARIABLE] },
          { name: TENSOR.probability, datatype: 'FP32', shape: [VARIABLE] },
        ],
      };
    case 'image-classification':
      return {
        inputs: [{ name: TENSOR.image, datatype: 'BYTES', shape: [VARIABLE] }, ...(raw ? [graphTensor(raw.input)] : [])],
        outputs: [
          { name: TENSOR.labels, datatype: 'BYTES', shape: [VARIABLE, VARIABLE] },
          { name: TENSOR.probabilities, datatype: 'FP32', shape: [VARIABLE, VARIABLE] },
          ...(raw ? [graphTensor(raw.output)] : []),
        ],
      };
    case 'linear-regression':
      return {
        inputs: [{ name: TENSOR.features, datatype: 'FP64', shape: [VARIABLE, model.featureCount ?? VARIABLE] }],
        outputs: [{ name: TENSOR.predictions, datatype: 'FP64', shape: [VARIABLE] }],
      };
  }
}
