import { describe, expect, it } from 'vitest';
import { ModelWireError } from '../../../lib/model-wire-error';
import { decodeRawElements, decodeRawNumbers, encodeRawElements, encodeRawNumbers } from './raw-contents';

const invalid = (run: () => unknown) => expect(run).toThrow(expect.objectContaining({ code: 'invalid_input' }) as ModelWireError);

describe('raw tensor contents', () => {
  it('round-trips every numeric datatype, laid out as Node\'s own little-endian writers lay it out', () => {
    // [datatype, values, bytes per element, Buffer's writer of one element]
    const cases = [
      ['BOOL', [1, 0, 1], 1, (buffer: Buffer, value: number, at: number) => buffer.writeUInt8(value, at)],
      ['UINT8', [0, 255], 1, (buffer: Buffer, value: number, at: number) => buffer.writeUInt8(value, at)],
      ['INT8', [-128, 127], 1, (buffer: Buffer, value: number, at: number) => buffer.writeInt8(value, at)],
      ['UINT16', [65535, 1], 2, (buffer: Buffer, value: number, at: number) => buffer.writeUInt16LE(value, at)],
      ['INT16', [-32768, 2], 2, (buffer: Buffer, value: number, at: number) => buffer.writeInt16LE(value, at)],
      ['UINT32', [4294967295, 3], 4, (buffer: Buffer, value: number, at: number) => buffer.writeUInt32LE(value, at)],
      ['INT32', [-2147483648, 4], 4, (buffer: Buffer, value: number, at: number) => buffer.writeInt32LE(value, at)],
      ['UINT64', [2 ** 53 - 1, 5], 8, (buffer: Buffer, value: number, at: number) => buffer.writeBigUInt64LE(BigInt(value), at)],
      ['INT64', [-(2 ** 53) + 1, 6], 8, (buffer: Buffer, value: number, at: number) => buffer.writeBigInt64LE(BigInt(value), at)],
      ['FP32', [1.5, -0.25], 4, (buffer: Buffer, value: number, at: number) => buffer.writeFloatLE(value, at)],
      ['FP64', [Math.PI, -1e-300], 8, (buffer: Buffer, value: number, at: number) => buffer.writeDoubleLE(value, at)],
    ] as const;
    for (const [datatype, values, size, write] of cases) {
      const expected = Buffer.alloc(values.length * size);
      values.forEach((value, index) => write(expected, value, index * size));
      const raw = encodeRawNumbers(datatype, values);
      expect(Buffer.from(raw), datatype).toEqual(expected);
      expect(Array.from(decodeRawNumbers(datatype, expected, 't')), datatype).toEqual(values);
    }
  });

  it('lays FP32 out as 4 little-endian bytes each, and reads it back into a Float32Array', () => {
    const raw = encodeRawNumbers('FP32', [1]);
    expect(Array.from(raw)).toEqual([0, 0, 0x80, 0x3f]);
    expect(decodeRawNumbers('FP32', raw, 't')).toBeInstanceOf(Float32Array);
  });

  it('reads numbers from a view at any byte offset', () => {
    const padded = new Uint8Array(9);
    padded.set(encodeRawNumbers('FP64', [2.5]), 1);
    expect(Array.from(decodeRawNumbers('FP64', padded.subarray(1), 't'))).toEqual([2.5]);
  });

  it('round-trips BYTES elements as a 4-byte little-endian length and the bytes', () => {
    const elements = [new TextEncoder().encode('hi'), new Uint8Array(0), new Uint8Array([255, 0, 1])];
    const raw = encodeRawElements(elements);
    expect(Array.from(raw.subarray(0, 6))).toEqual([2, 0, 0, 0, 104, 105]);
    expect(decodeRawElements(raw, 't')).toEqual(elements);
  });

  it('refuses contents that are not whole elements, and 16-bit floats', () => {
    invalid(() => decodeRawNumbers('FP32', new Uint8Array(6), 't'));
    invalid(() => decodeRawElements(new Uint8Array([5, 0, 0, 0, 1]), 't'));
    invalid(() => decodeRawElements(new Uint8Array([1, 0]), 't'));
    invalid(() => decodeRawNumbers('FP16', new Uint8Array(2), 't'));
  });
});
