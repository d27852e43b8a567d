import { describe, expect, it } from 'vitest';
import { encodeDenseModel } from '../core/onnx-export';
import { describeSignature, readOnnxSignature } from './onnx-signature';

const dense = (inputSize: number, outputSize: number) =>
  encodeDenseModel({
    inputName: 'features',
    outputName: 'scores',
    inputSize,
    outputSize,
    weights: new Float32Array(inputSize * outputSize),
    bias: new Float32Array(outputSize),
    activation: 'softmax',
    description: 'test graph',
  });

describe('readOnnxSignature', () => {
  it('reads the names, element types and shapes the graph declares, symbolic dimensions by name', async () => {
    expect(await readOnnxSignature(dense(5, 3))).toEqual({
      inputs: [{ name: 'features', elementType: 'float32', shape: ['N', 5] }],
      outputs: [{ name: 'scores', elementType: 'float32', shape: ['N', 3] }],
    });
  });

  it('fails on bytes that are not an ONNX model', async () => {
    await expect(readOnnxSignature(new TextEncoder().encode('not a model'))).rejects.toThrow();
  });
});

describe('describeSignature', () => {
  it('puts the tensors in one line, so two graphs with the same line take and give the same tensors', async () => {
    const [narrow, wide, wideAgain] = await Promise.all([readOnnxSignature(dense(2, 1)), readOnnxSignature(dense(3, 1)), readOnnxSignature(dense(3, 1))]);
    expect(describeSignature(narrow)).toBe('features float32 [N, 2] -> scores float32 [N, 1]');
    expect(describeSignature(wide)).not.toBe(describeSignature(narrow));
    expect(describeSignature(wideAgain)).toBe(describeSignature(wide));
  });
});
