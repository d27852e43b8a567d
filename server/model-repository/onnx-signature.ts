import type ort from 'onnxruntime-node';
import { loadOnnxSession } from '../core/onnx-session';

/** A dimension of an ONNX graph tensor: a size, or a symbolic name (like "N") for a size given at run time. */
export type GraphDim = number | string;

export interface TensorSignature {
  name: string;
  /** onnxruntime's name of the element type: float32, int64, ... */
  elementType: ort.Tensor.Type;
  shape: GraphDim[];
}

/** What an ONNX graph takes and gives, as the graph itself declares it. */
export interface GraphSignature {
  inputs: TensorSignature[];
  outputs: TensorSignature[];
}

function tensorSignature(value: ort.InferenceSession.ValueMetadata): TensorSignature {
  if (!value.isTensor) throw new Error(`graph value "${value.name}" is not a tensor; only tensor inputs and outputs can be served`);
  if (value.shape.length === 0) throw new Error(`graph tensor "${value.name}" declares no shape`);
  return { name: value.name, elementType: value.type, shape: [...value.shape] };
}

/** Reads the inputs and outputs of an ONNX model by loading it in onnxruntime, which also proves the file loads. */
export async function readOnnxSignature(model: string | Uint8Array): Promise<GraphSignature> {
  const session = await loadOnnxSession(model);
  try {
    return { inputs: session.inputMetadata.map(tensorSignature), outputs: session.outputMetadata.map(tensorSignature) };
  } finally {
    await session.release();
  }
}

const describeTensors = (tensors: TensorSignature[]) => tensors.map((tensor) => `${tensor.name} ${tensor.elementType} [${tensor.shape.join(', ')}]`).join(', ');

/** The signature in one line, e.g. "features float32 [N, 2] -> prediction float32 [N, 1]": equal lines, equal signatures. */
export const describeSignature = (signature: GraphSignature) => `${describeTensors(signature.inputs)} -> ${describeTensors(signature.outputs)}`;
