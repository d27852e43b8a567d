import { create, toBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { PredictRequestSchema } from '../gen/modelwire/v1/inference_pb';
import { SHOWN_BYTES, withShortBytes } from './protobuf-shown';

const request = (imageBytes: number) => create(PredictRequestSchema, { model: 'mobilenetv2', input: { case: 'image', value: new Uint8Array(imageBytes).fill(7) }, topK: 3 });

describe('withShortBytes', () => {
  it.each([100, 200, 20_000, 3_000_000])('cuts a %i-byte image and still knows the real encoded size', (imageBytes) => {
    const message = request(imageBytes);
    const { shown, cutBytes } = withShortBytes(PredictRequestSchema, message);
    expect(shown.input.case === 'image' && shown.input.value.length).toBe(SHOWN_BYTES);
    expect(toBinary(PredictRequestSchema, shown).length + cutBytes).toBe(toBinary(PredictRequestSchema, message).length);
  });

  it('leaves short bytes alone', () => {
    const message = request(50);
    const { shown, cutBytes } = withShortBytes(PredictRequestSchema, message);
    expect(cutBytes).toBe(0);
    expect(shown).toEqual(message);
  });

  it('leaves the message that is sent whole', () => {
    const message = request(500);
    withShortBytes(PredictRequestSchema, message);
    expect(message.input.value).toHaveLength(500);
  });
});
