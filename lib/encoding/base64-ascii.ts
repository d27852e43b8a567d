const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CODES = Uint8Array.from(ALPHABET, (char) => char.charCodeAt(0));
const PAD = '='.charCodeAt(0);

const code = (sextet: number) => CODES[sextet & 63]!;

/**
 * Standard padded base64 (RFC 4648) written straight into ASCII bytes: a request body can then be put together around
 * a photo's base64 without ever holding it as a 20-million-character string.
 */
export function base64Ascii(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let read = 0;
  let written = 0;
  for (; read + 2 < bytes.length; read += 3) {
    const triple = (bytes[read]! << 16) | (bytes[read + 1]! << 8) | bytes[read + 2]!;
    out[written++] = code(triple >> 18);
    out[written++] = code(triple >> 12);
    out[written++] = code(triple >> 6);
    out[written++] = code(triple);
  }
  const left = bytes.length - read;
  if (left > 0) {
    const pair = (bytes[read]! << 16) | (left === 2 ? bytes[read + 1]! << 8 : 0);
    out[written++] = code(pair >> 18);
    out[written++] = code(pair >> 12);
    out[written++] = left === 2 ? code(pair >> 6) : PAD;
    out[written++] = PAD;
  }
  return out;
}
