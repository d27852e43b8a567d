// The length-prefixed envelopes gRPC, gRPC-Web and Connect streaming carry their messages in: a flags byte, a 4-byte
// big-endian length, the message.

export const ENVELOPE_HEADER_BYTES = 5;
export const COMPRESSED_FLAG = 0b1;
export const END_STREAM_FLAG = 0b10;

export interface Envelope {
  flags: number;
  data: Uint8Array;
}

const lengthAt = (bytes: Uint8Array, at: number) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(at + 1);

function joined(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** Every complete envelope of a whole body. */
export function envelopesOf(bytes: Uint8Array): Envelope[] {
  const envelopes: Envelope[] = [];
  for (let at = 0; at + ENVELOPE_HEADER_BYTES <= bytes.byteLength; ) {
    const end = at + ENVELOPE_HEADER_BYTES + lengthAt(bytes, at);
    envelopes.push({ flags: bytes[at]!, data: bytes.subarray(at + ENVELOPE_HEADER_BYTES, end) });
    at = end;
  }
  return envelopes;
}

/**
 * A streamed body passed through chunk by chunk, each envelope handed to `inspect` once complete and before the chunk
 * that completes it goes on: a message `inspect` throws on never reaches the decoder. An envelope announcing more than
 * `maxBytes` is not collected; the rest of the body goes on unseen, for the decoder to refuse.
 */
export async function* inspectingEnvelopes(body: AsyncIterable<Uint8Array>, maxBytes: number, inspect: (envelope: Envelope) => Promise<void>): AsyncIterable<Uint8Array> {
  let chunks: Uint8Array[] = [];
  let buffered = 0;
  let inspecting = true;
  for await (const chunk of body) {
    if (inspecting) {
      chunks.push(chunk);
      buffered += chunk.byteLength;
      while (buffered >= ENVELOPE_HEADER_BYTES) {
        if (chunks[0]!.byteLength < ENVELOPE_HEADER_BYTES) chunks = [joined(chunks, buffered)];
        const length = lengthAt(chunks[0]!, 0);
        if (length > maxBytes) {
          inspecting = false;
          chunks = [];
          break;
        }
        if (buffered < ENVELOPE_HEADER_BYTES + length) break;
        const bytes = joined(chunks, buffered);
        await inspect({ flags: bytes[0]!, data: bytes.subarray(ENVELOPE_HEADER_BYTES, ENVELOPE_HEADER_BYTES + length) });
        const rest = bytes.subarray(ENVELOPE_HEADER_BYTES + length);
        chunks = rest.byteLength > 0 ? [rest] : [];
        buffered = rest.byteLength;
      }
    }
    yield chunk;
  }
}
