import { describe, expect, it } from 'vitest';
import { splitRows, stackItems } from './served-model';

describe('stackItems', () => {
  it('lays items out one after another as one [n, ...itemDims] input', () => {
    const stacked = stackItems([Float32Array.of(1, 2), Float32Array.of(3, 4), Float32Array.of(5, 6)], [2]);
    expect(Array.from(stacked)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('hands a lone item that fills its own buffer over as it is, without copying it', () => {
    const item = Float32Array.of(1, 2, 3, 4);
    expect(stackItems([item], [2, 2])).toBe(item);
  });

  it('copies a lone item that is a view into a larger buffer', () => {
    const shared = Float32Array.of(9, 1, 2, 9);
    const stacked = stackItems([shared.subarray(1, 3)], [2]);
    expect(stacked).not.toBe(shared);
    expect(Array.from(stacked)).toEqual([1, 2]);
    expect(stacked.buffer.byteLength).toBe(8);
  });

  it('writes into the array `allocate` gives, even a lone whole item, and lets an item write its own values', () => {
    const target = new Float32Array(4);
    const lone = Float32Array.of(1, 2);
    const stacked = stackItems([lone], [2], (values) => target.subarray(0, values));
    expect(stacked.buffer).toBe(target.buffer);
    expect(Array.from(target)).toEqual([1, 2, 0, 0]);
    const negated = { length: 2, writeInto: (place: Float32Array) => place.set([-3, -4]) };
    expect(Array.from(stackItems([lone, negated], [2]))).toEqual([1, 2, -3, -4]);
    expect(() => stackItems([{ length: 3, writeInto: () => undefined }], [2])).toThrow(/item 0 has 3 values, expected 2/);
  });

  it('refuses an item of the wrong size, alone or not', () => {
    expect(() => stackItems([Float32Array.of(1, 2, 3)], [2])).toThrow(/item 0 has 3 values, expected 2/);
    expect(() => stackItems([Float32Array.of(1, 2), Float32Array.of(3)], [2])).toThrow(/item 1 has 1 values/);
  });
});

describe('splitRows', () => {
  it('cuts a run output into one row per item', () => {
    expect(splitRows(Float32Array.of(1, 2, 3, 4), 2, [2]).map((row) => Array.from(row))).toEqual([[1, 2], [3, 4]]);
  });
});
