import { create, toBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { ClassifyImageRequestSchema, TrainRequestSchema } from '../../../lib/gen/modelwire/v1/inference_pb';
import { assertProtobufWithinBudget } from './protobuf-budget';

const budget = { maxMessages: 10, maxValues: 100 };
const train = (rows: number[][], targets: number[] = []) => toBinary(TrainRequestSchema, create(TrainRequestSchema, { model: 'm', rows: rows.map((values) => ({ values })), targets }));
const refusal = (what: string) => expect.objectContaining({ code: 'too_large', message: expect.stringContaining(what) });

describe('assertProtobufWithinBudget', () => {
  it('passes a message within the budget, and bytes however long', () => {
    expect(() => assertProtobufWithinBudget(TrainRequestSchema, train([[1, 2], [3, 4]], [1, 2]), budget)).not.toThrow();
    const image = toBinary(ClassifyImageRequestSchema, create(ClassifyImageRequestSchema, { image: new Uint8Array(1_000_000) }));
    expect(() => assertProtobufWithinBudget(ClassifyImageRequestSchema, image, budget)).not.toThrow();
  });

  it('counts nested messages, and the numbers packed in a repeated field', () => {
    expect(() => assertProtobufWithinBudget(TrainRequestSchema, train(Array.from({ length: 11 }, () => [])), budget)).toThrow(refusal('nested messages'));
    expect(() => assertProtobufWithinBudget(TrainRequestSchema, train([new Array(101).fill(1.5)]), budget)).toThrow(refusal('values'));
  });

  it('leaves malformed bytes to the decoder', () => {
    expect(() => assertProtobufWithinBudget(TrainRequestSchema, new Uint8Array([0x12, 0xff, 0xff]), budget)).not.toThrow();
  });
});
