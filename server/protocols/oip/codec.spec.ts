import { describe, expect, it } from 'vitest';
import { inferRequestOf, inferResponseJson } from './codec';

const expectInvalid = (run: () => unknown, message: RegExp) => expect(run).toThrow(expect.objectContaining({ code: 'invalid_input', message: expect.stringMatching(message) }));

describe('the OIP JSON codec', () => {
  it('reads nested or flat data row-major, with the request\'s and each input\'s parameters', () => {
    const request = inferRequestOf(
      { id: '7', parameters: { top_k: 3 }, inputs: [{ name: 'features', datatype: 'FP64', shape: [2, 2], data: [[1, 2], [3, 4]], parameters: { note: 'x' } }] },
      'houses',
      '2',
    );
    expect(request).toMatchObject({ modelName: 'houses', modelVersion: '2', id: '7', parameters: { top_k: 3 } });
    const [features] = request.inputs;
    expect(features).toMatchObject({ name: 'features', datatype: 'FP64', shape: [2, 2], parameters: { note: 'x' } });
    expect(features!.numbers()).toEqual([1, 2, 3, 4]);
  });

  it('gives BYTES elements as strings, and refuses to read a tensor as the wrong kind', () => {
    const [text] = inferRequestOf({ inputs: [{ name: 'text', datatype: 'BYTES', shape: [1], data: ['hi'] }] }, 'm', undefined).inputs;
    expect(text!.elements()).toEqual(['hi']);
    expectInvalid(() => text!.numbers(), /not a numeric tensor/);
    const [numbers] = inferRequestOf({ inputs: [{ name: 'x', datatype: 'FP32', shape: [1], data: [1] }] }, 'm', undefined).inputs;
    expectInvalid(() => numbers!.elements(), /not BYTES/);
  });

  it('refuses element counts that do not match the shape, unknown datatypes and misplaced element types', () => {
    expectInvalid(() => inferRequestOf({ inputs: [{ name: 'x', datatype: 'FP32', shape: [3], data: [1, 2] }] }, 'm', undefined), /holds 3 elements, not 2/);
    expectInvalid(() => inferRequestOf({ inputs: [{ name: 'x', datatype: 'FLOAT', shape: [1], data: [1] }] }, 'm', undefined), /datatype "FLOAT"/);
    const [mixed] = inferRequestOf({ inputs: [{ name: 'x', datatype: 'FP32', shape: [2], data: [1, 'two'] }] }, 'm', undefined).inputs;
    expectInvalid(() => mixed!.numbers(), /must be numbers/);
  });

  it('refuses bodies that are not inference requests', () => {
    expectInvalid(() => inferRequestOf([], 'm', undefined), /JSON object/);
    expectInvalid(() => inferRequestOf({}, 'm', undefined), /"inputs"/);
    expectInvalid(() => inferRequestOf({ inputs: [], outputs: {} }, 'm', undefined), /"outputs"/);
    expectInvalid(() => inferRequestOf({ inputs: [], parameters: { top_k: [3] } }, 'm', undefined), /top_k/);
    expectInvalid(() => inferRequestOf({ inputs: [{ name: 'x', datatype: 'FP32', shape: [-1], data: [] }] }, 'm', undefined), /shape/);
  });

  it('writes a response with flat data, leaving out an id the request did not send', () => {
    const outputs = [{ name: 'score', datatype: 'FP32' as const, shape: [2], data: Float32Array.of(0.5, -1) }];
    expect(inferResponseJson({ modelName: 'm', modelVersion: '1', outputs })).toEqual({
      model_name: 'm',
      model_version: '1',
      outputs: [{ name: 'score', datatype: 'FP32', shape: [2], data: [0.5, -1] }],
    });
    expect(inferResponseJson({ modelName: 'm', modelVersion: '1', id: 'a', outputs: [] })).toHaveProperty('id', 'a');
  });
});
