import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { expectGrpcStatus, unary } from '../grpc-support';
import { EXACT_X, EXACT_Y, exactTarget } from '../support/linear-fixture';
import { hasSharedImagenet } from '../support/shared-files';
import { rawBytesTensor, rawFloat32Tensor, readRawBytesTensor, readRawFloat32Tensor, useOipGrpcClient } from './oip-grpc-client';
import { useOipHarness } from './oip-harness';

const oip = useOipHarness();
const client = useOipGrpcClient(() => oip().grpcAddress);

const infer = (request: object) => unary(client(), 'ModelInfer', request);
const SENTENCES = ['I love machine learning!', 'This is terrible and I hate it.'];

describe('OIP gRPC: health and metadata', () => {
  it('ServerLive, ServerReady and ServerMetadata', async () => {
    expect(await unary(client(), 'ServerLive', {})).toEqual({ live: true });
    expect(await unary(client(), 'ServerReady', {})).toEqual({ ready: hasSharedImagenet });
    expect(await unary(client(), 'ServerMetadata', {})).toEqual({ name: 'modelwire', version: expect.any(String), extensions: ['parameters'] });
  });

  it('ModelReady and ModelMetadata for the sentiment model', async () => {
    expect(await unary(client(), 'ModelReady', { name: 'sentiment' })).toEqual({ ready: true });
    const metadata = await unary(client(), 'ModelMetadata', { name: 'sentiment' });
    expect(metadata).toMatchObject({
      name: 'sentiment',
      platform: 'onnxruntime_onnx',
      // Text, or the graph's own featurised input (what an inference backend is sent).
      inputs: [
        { name: 'text', datatype: 'BYTES', shape: [-1] },
        { name: 'features', datatype: 'FP32', shape: [-1, 65544] },
      ],
    });
    expect(metadata.outputs.map((output: { name: string }) => output.name)).toEqual(['label', 'score', 'probability', 'probabilities']);
  });

  it('NOT_FOUND for an unknown model or version', async () => {
    await expectGrpcStatus(unary(client(), 'ModelReady', { name: 'no-such-model' }), grpc.status.NOT_FOUND, 'not_found');
    await expectGrpcStatus(unary(client(), 'ModelMetadata', { name: 'sentiment', version: '999' }), grpc.status.NOT_FOUND, 'not_found');
  });
});

describe('OIP gRPC: ModelInfer', () => {
  it('takes typed contents and answers typed contents, echoing the id', async () => {
    const response = await infer({
      model_name: 'sentiment',
      id: 'grpc-1',
      inputs: [{ name: 'text', datatype: 'BYTES', shape: [2], contents: { bytes_contents: SENTENCES.map((text) => Buffer.from(text)) } }],
    });
    expect(response).toMatchObject({ model_name: 'sentiment', id: 'grpc-1', raw_output_contents: [] });
    const [label, score] = response.outputs;
    expect(label).toMatchObject({ name: 'label', datatype: 'BYTES', shape: [2] });
    expect(label.contents.bytes_contents.map(String)).toEqual(['positive', 'negative']);
    expect(score.contents.fp32_contents[0]).toBeGreaterThan(0);
    expect(score.contents.fp32_contents[1]).toBeLessThan(0);
  });

  it('takes raw_input_contents (BYTES with 4-byte lengths) and answers raw_output_contents', async () => {
    const response = await infer({
      model_name: 'sentiment',
      inputs: [{ name: 'text', datatype: 'BYTES', shape: [2] }],
      raw_input_contents: [rawBytesTensor(SENTENCES)],
    });
    expect(response.outputs.map((output: { name: string; contents: unknown }) => [output.name, output.contents])).toEqual([
      ['label', null],
      ['score', null],
      ['probability', null],
    ]);
    expect(response.raw_output_contents).toHaveLength(3);
    expect(readRawBytesTensor(response.raw_output_contents[0])).toEqual(['positive', 'negative']);
    const probabilities = readRawFloat32Tensor(response.raw_output_contents[2]);
    expect(probabilities).toHaveLength(2);
    expect(probabilities.every((value) => value > 0.5 && value <= 1)).toBe(true);
  });

  it('answers typed contents for raw inputs when binary_data_output is false', async () => {
    const response = await infer({
      model_name: 'sentiment',
      parameters: { binary_data_output: { bool_param: false } },
      inputs: [{ name: 'text', datatype: 'BYTES', shape: [1] }],
      raw_input_contents: [rawBytesTensor(['Wonderful day'])],
      outputs: [{ name: 'label' }],
    });
    expect(response.raw_output_contents).toEqual([]);
    expect(response.outputs).toHaveLength(1);
    expect(response.outputs[0].contents.bytes_contents.map(String)).toEqual(['positive']);
  });

  it('predicts [N, F] features of a linear model as FP64, from fp64_contents and from raw FP32', async () => {
    await oip().core.train('oip-grpc-linear', { X: EXACT_X, y: EXACT_Y });
    const rows = [
      [3, 2],
      [-2, 0.5],
    ];
    const typed = await infer({ model_name: 'oip-grpc-linear', inputs: [{ name: 'features', datatype: 'FP64', shape: [2, 2], contents: { fp64_contents: rows.flat() } }] });
    expect(typed.outputs[0]).toMatchObject({ name: 'predictions', datatype: 'FP64', shape: [2] });
    typed.outputs[0].contents.fp64_contents.forEach((value: number, index: number) => expect(value).toBeCloseTo(exactTarget(rows[index]!), 6));
    const raw = await infer({ model_name: 'oip-grpc-linear', inputs: [{ name: 'features', datatype: 'FP32', shape: [2, 2] }], raw_input_contents: [rawFloat32Tensor(rows.flat())] });
    expect(raw.raw_output_contents[0].readDoubleLE(0)).toBeCloseTo(exactTarget(rows[0]!), 5);
  });

  it('INVALID_ARGUMENT for a wrong datatype, shape or input name, and for raw contents that do not fit', async () => {
    const text = (tensor: object, rest: object = {}) => infer({ model_name: 'sentiment', inputs: [{ name: 'text', datatype: 'BYTES', shape: [1], ...tensor }], ...rest });
    const invalid = (call: Promise<unknown>) => expectGrpcStatus(call, grpc.status.INVALID_ARGUMENT, 'invalid_input');
    await invalid(text({ datatype: 'FP32', contents: { fp32_contents: [1] } }));
    await invalid(text({ shape: [1, 1], contents: { bytes_contents: [Buffer.from('hi')] } }));
    await invalid(text({ name: 'sentence', contents: { bytes_contents: [Buffer.from('hi')] } }));
    await invalid(text({ shape: [2] }, { raw_input_contents: [rawBytesTensor(['only one'])] }));
    await invalid(text({}, { raw_input_contents: [Buffer.from([9, 0, 0, 0, 104, 105])] }));
    await invalid(text({}, { raw_input_contents: [rawBytesTensor(['a']), rawBytesTensor(['b'])] }));
  });

  it('NOT_FOUND for an unknown model', async () => {
    await expectGrpcStatus(infer({ model_name: 'no-such-model', inputs: [] }), grpc.status.NOT_FOUND, 'not_found');
  });
});
