import { invalidInput } from '../../../lib/model-wire-error';
import type { Datatype } from './inference-tensors';

// raw_input_contents and raw_output_contents of the gRPC wire: a tensor's elements row-major, little-endian, without
// padding; a BYTES element is a 4-byte little-endian length followed by that many bytes.

type NumericDatatype = Exclude<Datatype, 'BYTES' | 'FP16' | 'BF16'>;

interface ElementCodec {
  bytes: number;
  read(view: DataView, offset: number): number;
  write(view: DataView, offset: number, value: number): void;
}

const LITTLE_ENDIAN = true;

const NUMERIC: Record<NumericDatatype, ElementCodec> = {
  BOOL: { bytes: 1, read: (view, at) => (view.getUint8(at) === 0 ? 0 : 1), write: (view, at, value) => view.setUint8(at, value ? 1 : 0) },
  UINT8: { bytes: 1, read: (view, at) => view.getUint8(at), write: (view, at, value) => view.setUint8(at, value) },
  UINT16: { bytes: 2, read: (view, at) => view.getUint16(at, LITTLE_ENDIAN), write: (view, at, value) => view.setUint16(at, value, LITTLE_ENDIAN) },
  UINT32: { bytes: 4, read: (view, at) => view.getUint32(at, LITTLE_ENDIAN), write: (view, at, value) => view.setUint32(at, value, LITTLE_ENDIAN) },
  UINT64: {
    bytes: 8,
    read: (view, at) => Number(view.getBigUint64(at, LITTLE_ENDIAN)),
    write: (view, at, value) => view.setBigUint64(at, BigInt(value), LITTLE_ENDIAN),
  },
  INT8: { bytes: 1, read: (view, at) => view.getInt8(at), write: (view, at, value) => view.setInt8(at, value) },
  INT16: { bytes: 2, read: (view, at) => view.getInt16(at, LITTLE_ENDIAN), write: (view, at, value) => view.setInt16(at, value, LITTLE_ENDIAN) },
  INT32: { bytes: 4, read: (view, at) => view.getInt32(at, LITTLE_ENDIAN), write: (view, at, value) => view.setInt32(at, value, LITTLE_ENDIAN) },
  INT64: {
    bytes: 8,
    read: (view, at) => Number(view.getBigInt64(at, LITTLE_ENDIAN)),
    write: (view, at, value) => view.setBigInt64(at, BigInt(value), LITTLE_ENDIAN),
  },
  FP32: { bytes: 4, read: (view, at) => view.getFloat32(at, LITTLE_ENDIAN), write: (view, at, value) => view.setFloat32(at, value, LITTLE_ENDIAN) },
  FP64: { bytes: 8, read: (view, at) => view.getFloat64(at, LITTLE_ENDIAN), write: (view, at, value) => view.setFloat64(at, value, LITTLE_ENDIAN) },
};

function codecOf(datatype: Exclude<Datatype, 'BYTES'>, name: string): ElementCodec {
  if (datatype === 'FP16' || datatype === 'BF16') throw invalidInput(`Tensor "${name}" is ${datatype}; no model here takes 16-bit floats.`);
  return NUMERIC[datatype];
}

const viewOf = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The numbers of a numeric tensor's raw contents; FP32 comes back as a Float32Array. */
export function decodeRawNumbers(datatype: Exclude<Datatype, 'BYTES'>, bytes: Uint8Array, name: string): ArrayLike<number> {
  const codec = codecOf(datatype, name);
  if (bytes.byteLength % codec.bytes !== 0) throw invalidInput(`The raw contents of ${datatype} tensor "${name}" are ${bytes.byteLength} bytes, not a whole number of ${codec.bytes}-byte elements.`);
  const view = viewOf(bytes);
  const values = datatype === 'FP32' ? new Float32Array(bytes.byteLength / 4) : new Array<number>(bytes.byteLength / codec.bytes);
  for (let index = 0; index < values.length; index++) values[index] = codec.read(view, index * codec.bytes);
  return values;
}

export function encodeRawNumbers(datatype: NumericDatatype, values: ArrayLike<number>): Uint8Array {
  const codec = NUMERIC[datatype];
  const bytes = new Uint8Array(values.length * codec.bytes);
  const view = viewOf(bytes);
  for (let index = 0; index < values.length; index++) codec.write(view, index * codec.bytes, values[index]!);
  return bytes;
}

const LENGTH_BYTES = 4;

/** The elements of a BYTES tensor's raw contents. */
export function decodeRawElements(bytes: Uint8Array, name: string): Uint8Array[] {
  const view = viewOf(bytes);
  const elements: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.byteLength; ) {
    const length = offset + LENGTH_BYTES <= bytes.byteLength ? view.getUint32(offset, LITTLE_ENDIAN) : -1;
    const start = offset + LENGTH_BYTES;
    if (length < 0 || start + length > bytes.byteLength) throw invalidInput(`The raw contents of BYTES tensor "${name}" end inside element ${elements.length}.`);
    elements.push(bytes.subarray(start, start + length));
    offset = start + length;
  }
  return elements;
}

export function encodeRawElements(elements: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(elements.reduce((total, element) => total + LENGTH_BYTES + element.byteLength, 0));
  const view = viewOf(bytes);
  let offset = 0;
  for (const element of elements) {
    view.setUint32(offset, element.byteLength, LITTLE_ENDIAN);
    bytes.set(element, offset + LENGTH_BYTES);
    offset += LENGTH_BYTES + element.byteLength;
  }
  return bytes;
}
