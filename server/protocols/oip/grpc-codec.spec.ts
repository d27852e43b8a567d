import { create } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { ModelInferRequestSchema } from '../../../lib/gen/inference/grpc_predict_v2_pb';
import { inferRequestOf, inferResponseMessage, wantsRawOutputs } from './grpc-codec';
import { encodeRawElements } from './raw-contents';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('the OIP protobuf codec', () => {
  it('reads typed contents in the field of the datatype, and parameters of every kind as plain values', () => {
    const message = create(ModelInferRequestSchema, {
      modelName: 'm',
      parameters: { top_k: { parameterChoice: { case: 'int64Param', value: 3n } }, flag: { parameterChoice: { case: 'boolParam', value: true } } },
      inputs: [{ name: 'x', datatype: 'INT64', shape: [2n], contents: { int64Contents: [1n, -2n] } }],
    });
    const request = inferRequestOf(message);
    expect(request.parameters).toEqual({ top_k: 3, flag: true });
    expect(request.id).toBeUndefined();
    expect(request.inputs[0]!.numbers()).toEqual([1, -2]);
  });

  it('reads raw_input_contents per input, in order, and refuses them beside typed contents or in another number', () => {
    const raw = [encodeRawElements([bytes('a'), bytes('b')])];
    const text = { name: 'text', datatype: 'BYTES', shape: [2n] };
    expect(inferRequestOf(create(ModelInferRequestSchema, { inputs: [text], rawInputContents: raw })).inputs[0]!.elements()).toEqual([bytes('a'), bytes('b')]);
    const both = create(ModelInferRequestSchema, { inputs: [{ ...text, contents: {} }], rawInputContents: raw });
    expect(() => inferRequestOf(both)).toThrow(/not both/);
    const tooMany = create(ModelInferRequestSchema, { inputs: [text], rawInputContents: [...raw, new Uint8Array()] });
    expect(() => inferRequestOf(tooMany)).toThrow(/2 entries for 1 inputs/);
  });

  it('answers raw outputs when the inputs came raw, unless binary_data_output says otherwise', () => {
    const raw = { inputs: [{ name: 'text' }], rawInputContents: [new Uint8Array()] };
    const typed = { inputs: [{ name: 'text', contents: {} }] };
    const wants = (init: typeof raw | typeof typed, binaryDataOutput?: boolean) =>
      wantsRawOutputs(
        create(ModelInferRequestSchema, {
          ...init,
          parameters: binaryDataOutput === undefined ? {} : { binary_data_output: { parameterChoice: { case: 'boolParam', value: binaryDataOutput } } },
        }),
      );
    expect([wants(raw), wants(typed), wants(raw, false), wants(typed, true)]).toEqual([true, false, false, true]);
  });

  it('writes outputs either as typed contents or as raw_output_contents, never both', () => {
    const response = { modelName: 'm', modelVersion: '1', outputs: [{ name: 'label', datatype: 'BYTES' as const, shape: [1], data: ['ok'] }] };
    const typed = inferResponseMessage(response, false);
    expect(typed.outputs?.[0]).toMatchObject({ shape: [1n], contents: { bytesContents: [bytes('ok')] } });
    expect(typed.rawOutputContents).toEqual([]);
    const raw = inferResponseMessage(response, true);
    expect(raw.outputs?.[0]?.contents).toBeUndefined();
    expect(raw.rawOutputContents).toEqual([encodeRawElements([bytes('ok')])]);
  });
});
