import { invalidInput } from './model-wire-error';

// A binary frame carries one image with its request in a single message, so nothing on the connection has to remember
// a header while waiting for bytes:  [uint32 big-endian N][N bytes of UTF-8 JSON header][the image bytes].
// Written without Buffer so a browser client can use the same functions.

export const MAX_HEADER_BYTES = 64 * 1024;
const LENGTH_BYTES = 4;

export function splitBinaryFrame(frame: Uint8Array): { header: unknown; payload: Uint8Array } {
  if (frame.byteLength < LENGTH_BYTES) throw invalidInput('A binary frame starts with a 4-byte big-endian header length.');
  const headerLength = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(0);
  if (headerLength === 0 || headerLength > MAX_HEADER_BYTES || LENGTH_BYTES + headerLength > frame.byteLength) {
    throw invalidInput(`The binary frame's header length (${headerLength}) must be 1..${MAX_HEADER_BYTES} and fit in the frame (${frame.byteLength} bytes).`);
  }
  const headerText = new TextDecoder('utf-8', { fatal: false }).decode(frame.subarray(LENGTH_BYTES, LENGTH_BYTES + headerLength));
  let header: unknown;
  try {
    header = JSON.parse(headerText);
  } catch {
    throw invalidInput("The binary frame's header is not valid JSON.");
  }
  return { header, payload: frame.subarray(LENGTH_BYTES + headerLength) };
}

export function joinBinaryFrame(header: object, payload: Uint8Array): Uint8Array {
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const frame = new Uint8Array(LENGTH_BYTES + headerBytes.byteLength + payload.byteLength);
  new DataView(frame.buffer).setUint32(0, headerBytes.byteLength);
  frame.set(headerBytes, LENGTH_BYTES);
  frame.set(payload, LENGTH_BYTES + headerBytes.byteLength);
  return frame;
}
