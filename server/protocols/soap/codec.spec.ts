import { describe, expect, it } from 'vitest';
import type { ModelDescriptor } from '../../../lib/contract';
import { inputFieldsOf, modelDescriptorOf, rowsOf, strictNumberDeserializers, trainRequestOf } from './codec';

describe('SOAP codec', () => {
  it('reads xs:double and xs:int strictly, naming the element', () => {
    expect(strictNumberDeserializers.double('-1.5e3', { name: 'value' })).toBe(-1500);
    expect(strictNumberDeserializers.float('.5', { name: 'feature1' })).toBe(0.5);
    expect(strictNumberDeserializers.int('-7', { name: 'topK' })).toBe(-7);
    expect(() => strictNumberDeserializers.double('two', { name: 'value' })).toThrow(/<value> must be a number/);
    expect(() => strictNumberDeserializers.double('1abc', { name: 'value' })).toThrow(/<value>/);
    expect(() => strictNumberDeserializers.int('3.5', { name: 'topK' })).toThrow(/<topK> must be an integer/);
  });

  it('turns FeatureRows and Targets into the contract, whether node-soap gives one element or many', () => {
    expect(rowsOf({ row: { value: 1 } })).toEqual([[1]]);
    expect(rowsOf({ row: [{ value: [1, 2] }, { value: [3, 4] }] })).toEqual([[1, 2], [3, 4]]);
    expect(trainRequestOf({ model: 'm', rows: { row: [{ value: [1] }] }, targets: { value: 2 }, ridge: 0.5 })).toEqual({ X: [[1]], y: [2], ridge: 0.5 });
    expect(trainRequestOf({ rows: null, targets: undefined })).toEqual({ X: [], y: [] });
  });

  it('reads an empty <text/> as the empty string, so the model can say it is empty', () => {
    expect(inputFieldsOf({ model: 'sentiment', text: null })).toEqual({ text: '', features: undefined, image: undefined });
    expect(inputFieldsOf({ model: 'm', features: { row: { value: [1, 2] } } }).features).toEqual([[1, 2]]);
  });

  it('writes a model descriptor in the WSDL order, leaving out what is absent', () => {
    const model: ModelDescriptor = { name: 'm', kind: 'linear-regression', input: 'features', description: 'd', status: 'not_installed', version: null, versions: [], trainable: true, installCommand: 'train it' };
    const written = modelDescriptorOf({ ...model, extra: 'not in the WSDL' } as ModelDescriptor);
    expect(Object.keys(written)).toEqual(['name', 'kind', 'input', 'description', 'status', 'versions', 'installCommand', 'trainable']);
    expect(written.versions).toEqual({ version: [] });
  });
});
