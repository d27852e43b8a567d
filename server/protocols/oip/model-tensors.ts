import type { ModelDescriptor } from '../../../lib/contract';
import type { GraphTensor, RawTensorSignature } from '../../core/raw-tensor-inference';
import type { TensorMetadata } from './inference-tensors';

// The tensors each kind of model takes and gives over the Open Inference Protocol. N (-1 here) is the batch: N texts,
// N images or N rows give N answers. Beside them, each model's own ONNX graph tensors (those `npm run
// models:export-repository` gives Triton), so a ModelWire can be another one's inference backend.

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

const graphInput = (raw: RawTensorSignature | undefined) => (raw ? [graphTensor(raw.input)] : []);
const graphOutput = (raw: RawTensorSignature | undefined) => (raw ? [graphTensor(raw.output)] : []);

/** The tensors of a model; `raw` is its own graph input and output, when the core serves them (rawTensorsOf). */
export function modelTensors(model: ModelDescriptor, raw: RawTensorSignature | undefined): ModelTensors {
  switch (model.kind) {
    case 'text-sentiment':
      return {
        inputs: [{ name: TENSOR.text, datatype: 'BYTES', shape: [VARIABLE] }, ...graphInput(raw)],
        outputs: [
          { name: TENSOR.label, datatype: 'BYTES', shape: [VARIABLE] },
          { name: TENSOR.score, datatype: 'FP32', shape: [VARIABLE] },
          { name: TENSOR.probability, datatype: 'FP32', shape: [VARIABLE] },
          ...graphOutput(raw),
        ],
      };
    case 'image-classification':
      return {
        inputs: [{ name: TENSOR.image, datatype: 'BYTES', shape: [VARIABLE] }, ...graphInput(raw)],
        outputs: [
          { name: TENSOR.labels, datatype: 'BYTES', shape: [VARIABLE, VARIABLE] },
          { name: TENSOR.probabilities, datatype: 'FP32', shape: [VARIABLE, VARIABLE] },
          ...graphOutput(raw),
        ],
      };
    case 'linear-regression':
      return {
        // The graph's input is also "features" (FP32 [N, F], which this one takes too): asking for the graph's output
        // ("prediction" [N, 1]) runs the graph alone, as an inference backend is asked to.
        inputs: [{ name: TENSOR.features, datatype: 'FP64', shape: [VARIABLE, model.featureCount ?? VARIABLE] }],
        outputs: [{ name: TENSOR.predictions, datatype: 'FP64', shape: [VARIABLE] }, ...graphOutput(raw)],
      };
  }
}
