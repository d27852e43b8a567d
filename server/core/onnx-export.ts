import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** A single dense layer `y = activation(x · W + b)`, the shape of every model this project trains itself. */
export interface DenseModelSpec {
  inputName: string;
  outputName: string;
  inputSize: number;
  outputSize: number;
  /** inputSize × outputSize, row-major. */
  weights: Float32Array;
  /** outputSize. */
  bias: Float32Array;
  activation: 'none' | 'softmax';
  /** Written into the model's doc string and metadata, so a file says what produced it. */
  description: string;
  metadata?: Record<string, string>;
}

const OPSET = 13;

function floatTensor(name: string, dims: number[], values: Float32Array) {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  return onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: bytes.slice() });
}

function floatMatrixType(name: string, columns: number) {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: [{ dimParam: 'N' }, { dimValue: columns }] },
      },
    },
  });
}

/** Encodes a dense layer as an ONNX model (MatMul + Add [+ Softmax]) that onnxruntime loads directly. */
export function encodeDenseModel(spec: DenseModelSpec): Uint8Array {
  if (spec.weights.length !== spec.inputSize * spec.outputSize) throw new Error('weights do not match inputSize × outputSize');
  if (spec.bias.length !== spec.outputSize) throw new Error('bias does not match outputSize');

  const logits = spec.activation === 'softmax' ? 'logits' : spec.outputName;
  const nodes = [
    onnx.NodeProto.create({ opType: 'MatMul', input: [spec.inputName, 'W'], output: ['xW'], name: 'matmul' }),
    onnx.NodeProto.create({ opType: 'Add', input: ['xW', 'b'], output: [logits], name: 'add_bias' }),
  ];
  if (spec.activation === 'softmax') {
    nodes.push(
      onnx.NodeProto.create({
        opType: 'Softmax',
        input: [logits],
        output: [spec.outputName],
        name: 'softmax',
        attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 1 }],
      }),
    );
  }

  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: 'modelwire',
    producerVersion: '1',
    docString: spec.description,
    opsetImport: [{ domain: '', version: OPSET }],
    metadataProps: Object.entries(spec.metadata ?? {}).map(([key, value]) => ({ key, value })),
    graph: {
      name: 'dense',
      node: nodes,
      initializer: [
        floatTensor('W', [spec.inputSize, spec.outputSize], spec.weights),
        floatTensor('b', [spec.outputSize], spec.bias),
      ],
      input: [floatMatrixType(spec.inputName, spec.inputSize)],
      output: [floatMatrixType(spec.outputName, spec.outputSize)],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
