import { describe, expect, it, vi } from 'vitest';
import type { ModelDescriptor } from '../../lib/contract';
import { ModelWireError } from '../../lib/model-wire-error';
import { createRawTensorInference, type RawTensorRunner } from './raw-tensor-inference';
import { stackItems, type ServedModel } from './served-model';

/** A model whose graph doubles a [2]-item into a [1]-item: the sum of its two values, twice. */
function fakeModel(rawTensors?: RawTensorRunner): ServedModel {
  const descriptor = { name: 'graph', versions: [1] } as ModelDescriptor;
  return { name: 'graph', describe: () => descriptor, predict: () => Promise.reject(new Error('unused')), rawTensors };
}

const summingRunner: RawTensorRunner = {
  input: { name: 'input', itemDims: [2] },
  output: { name: 'output', itemDims: [1] },
  run: async (items) => {
    const values = stackItems(items, [2]);
    return { version: 1, outputs: items.map((_, index) => Float32Array.of(2 * (values[2 * index]! + values[2 * index + 1]!))), inferenceMs: 3 };
  },
};

function inferenceOver(model: ServedModel) {
  const authorize = vi.fn();
  const tracked = { calls: 0 };
  const track = <T>(work: () => Promise<T>) => {
    tracked.calls++;
    return work();
  };
  const modelNamed = (name: string) => {
    if (name !== model.name) throw new ModelWireError('not_found', `no ${name}`);
    return model;
  };
  return { inference: createRawTensorInference({ modelNamed, authorize, track }), authorize, tracked };
}

describe('raw tensor inference', () => {
  it('splits a batch into items, runs them, stacks the outputs, and checks the caller first', async () => {
    const { inference, authorize, tracked } = inferenceOver(fakeModel(summingRunner));
    const result = await inference.inferTensor('graph', { dims: [2, 2], data: Float32Array.of(1, 2, 3, 4) }, { principal: { name: 'ann', scopes: ['predict'] } });
    expect(result.model).toEqual({ name: 'graph', version: 1 });
    expect(result.output).toEqual({ dims: [2, 1], data: Float32Array.of(6, 14) });
    expect(result.timing.inferenceMs).toBe(3);
    expect(authorize).toHaveBeenCalledWith({ name: 'ann', scopes: ['predict'] }, 'predict');
    expect(tracked.calls).toBe(1);
  });

  it('names the graph tensors of a model that has them, and nothing for one that does not', () => {
    expect(inferenceOver(fakeModel(summingRunner)).inference.rawTensorsOf('graph')).toEqual({ input: summingRunner.input, output: summingRunner.output });
    expect(inferenceOver(fakeModel()).inference.rawTensorsOf('graph')).toBeUndefined();
  });

  it('refuses a tensor of the wrong shape or size, a model without a graph input, and an unknown version', async () => {
    const { inference } = inferenceOver(fakeModel(summingRunner));
    const code = (call: Promise<unknown>) => call.then(() => 'ok', (error: ModelWireError) => error.code);
    expect(await code(inference.inferTensor('graph', { dims: [1, 3], data: new Float32Array(3) }))).toBe('invalid_input');
    expect(await code(inference.inferTensor('graph', { dims: [0, 2], data: new Float32Array(0) }))).toBe('invalid_input');
    expect(await code(inference.inferTensor('graph', { dims: [2, 2], data: new Float32Array(3) }))).toBe('invalid_input');
    expect(await code(inference.inferTensor('graph', { dims: [1, 2], data: new Float32Array(2) }, { version: 2 }))).toBe('not_found');
    expect(await code(inferenceOver(fakeModel()).inference.inferTensor('graph', { dims: [1, 2], data: new Float32Array(2) }))).toBe('invalid_input');
    expect(await code(inference.inferTensor('other', { dims: [1, 2], data: new Float32Array(2) }))).toBe('not_found');
  });

  it('turns a failure of the graph into internal, keeping typed errors such as not_installed', async () => {
    const failing = (error: Error): RawTensorRunner => ({ ...summingRunner, run: () => Promise.reject(error) });
    const input = { dims: [1, 2], data: new Float32Array(2) };
    await expect(inferenceOver(fakeModel(failing(new Error('boom')))).inference.inferTensor('graph', input)).rejects.toMatchObject({ code: 'internal' });
    const missing = new ModelWireError('not_installed', 'fetch it');
    await expect(inferenceOver(fakeModel(failing(missing))).inference.inferTensor('graph', input)).rejects.toBe(missing);
  });
});
