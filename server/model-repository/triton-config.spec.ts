import { describe, expect, it } from 'vitest';
import type { GraphSignature } from './onnx-signature';
import { formatConfigPbtxt, hasBatchDimension, tritonModelConfig } from './triton-config';

const BATCHING = { maxBatchSize: 8, maxQueueDelayMicroseconds: 100 };

const classifier: GraphSignature = {
  inputs: [{ name: 'input', elementType: 'float32', shape: ['batch', 3, 224, 224] }],
  outputs: [{ name: 'logits', elementType: 'float32', shape: ['batch', 1000] }],
};

describe('tritonModelConfig', () => {
  it('drops the batch dimension from dims when every tensor starts with the same run-time size', () => {
    const config = tritonModelConfig('images', classifier, BATCHING, 1);
    expect(config).toEqual({
      name: 'images',
      platform: 'onnxruntime_onnx',
      maxBatchSize: 8,
      inputs: [{ name: 'input', dataType: 'TYPE_FP32', dims: [3, 224, 224] }],
      outputs: [{ name: 'logits', dataType: 'TYPE_FP32', dims: [1000] }],
      allVersions: false,
      dynamicBatching: { maxQueueDelayMicroseconds: 100 },
    });
  });

  it('keeps the whole shape and sets max_batch_size 0 when the graph has no batch dimension', () => {
    const fixed: GraphSignature = {
      inputs: [{ name: 'x', elementType: 'int64', shape: [1, 'tokens'] }],
      outputs: [{ name: 'y', elementType: 'float64', shape: [1, 'tokens', 4] }],
    };
    const config = tritonModelConfig('fixed', fixed, BATCHING, 1);
    expect(config.maxBatchSize).toBe(0);
    expect(config.inputs).toEqual([{ name: 'x', dataType: 'TYPE_INT64', dims: [1, -1] }]);
    expect(config.outputs).toEqual([{ name: 'y', dataType: 'TYPE_FP64', dims: [1, -1, 4] }]);
    expect(config).not.toHaveProperty('dynamicBatching');
  });

  it('needs the same symbolic first dimension in every input and output to call it a batch', () => {
    expect(hasBatchDimension(classifier)).toBe(true);
    expect(hasBatchDimension({ ...classifier, outputs: [{ name: 'logits', elementType: 'float32', shape: ['other', 1000] }] })).toBe(false);
    expect(hasBatchDimension({ ...classifier, outputs: [{ name: 'logits', elementType: 'float32', shape: [1, 1000] }] })).toBe(false);
  });

  it('declares a batched [N] tensor as dims [1] reshaped to the graph\'s [], since Triton refuses empty dims', () => {
    const perRow: GraphSignature = {
      inputs: [{ name: 'x', elementType: 'float32', shape: ['N', 2] }],
      outputs: [{ name: 'y', elementType: 'float32', shape: ['N'] }],
    };
    expect(tritonModelConfig('rows', perRow, BATCHING, 1).outputs).toEqual([{ name: 'y', dataType: 'TYPE_FP32', dims: [1], reshape: [] }]);
  });

  it('serves every version only when there are several, and batches dynamically only beyond batches of one', () => {
    expect(tritonModelConfig('m', classifier, BATCHING, 3).allVersions).toBe(true);
    const single = tritonModelConfig('m', classifier, { maxBatchSize: 1, maxQueueDelayMicroseconds: 0 }, 1);
    expect(single.maxBatchSize).toBe(1);
    expect(single).not.toHaveProperty('dynamicBatching');
  });

  it('refuses element types Triton cannot serve and a batch size below 1', () => {
    const int4: GraphSignature = { ...classifier, inputs: [{ name: 'input', elementType: 'int4', shape: ['batch', 3] }] };
    expect(() => tritonModelConfig('m', int4, BATCHING, 1)).toThrow(/int4/);
    expect(() => tritonModelConfig('m', classifier, { maxBatchSize: 0, maxQueueDelayMicroseconds: 0 }, 1)).toThrow(/maxBatchSize/);
  });
});

describe('formatConfigPbtxt', () => {
  it('writes protobuf text format with Triton\'s field names, escaping strings', () => {
    const config = tritonModelConfig('say "hi"\\', classifier, BATCHING, 2);
    expect(formatConfigPbtxt({ ...config, outputs: [{ ...config.outputs[0]!, reshape: [] }] })).toBe(
      [
        'name: "say \\"hi\\"\\\\"',
        'platform: "onnxruntime_onnx"',
        'max_batch_size: 8',
        'input [',
        '  {',
        '    name: "input"',
        '    data_type: TYPE_FP32',
        '    dims: [ 3, 224, 224 ]',
        '  }',
        ']',
        'output [',
        '  {',
        '    name: "logits"',
        '    data_type: TYPE_FP32',
        '    dims: [ 1000 ]',
        '    reshape: { shape: [ ] }',
        '  }',
        ']',
        'version_policy: { all { } }',
        'dynamic_batching {',
        '  max_queue_delay_microseconds: 100',
        '}',
        '',
      ].join('\n'),
    );
  });
});
