import { Duplex } from 'node:stream';
import { ModelWireError, invalidInput } from '../../../lib/model-wire-error';
import { coalesceWritesPerTurn, type CoalescedWrites } from '../shared/coalesced-writes';

// aedes reads whole packets through mqtt-packet, which buffers as many bytes as a fixed header announces (up to 256 MB)
// and has no size option (https://github.com/moscajs/aedes/issues/831). So the connection is watched before the parser:
// the fixed header is read as it streams past, and the connection ends when a packet announces more than allowed, or
// when a packet started does not finish in time (a client sending half a packet would hold its buffer until keep-alive).

const CONNECT = 1;
/** A CONNECT holds a client id, a token and maybe a will: nothing bigger is accepted before the client is known. */
export const MAX_CONNECT_BYTES = 64 * 1024;

/** Packets finished in a chunk, and whether the chunk ended inside one. */
export interface FrameProgress {
  completed: number;
  midPacket: boolean;
}

/** A reader of MQTT framing: throws once a fixed header announces too many bytes, before any of them arrive. */
export function createFrameReader(maxPacketBytes: number): (chunk: Buffer) => FrameProgress {
  let state: 'type' | 'length' | 'body' = 'type';
  let type = 0;
  let length = 0;
  let multiplier = 1;
  let left = 0;
  return function read(chunk) {
    let i = 0;
    let completed = 0;
    while (i < chunk.length) {
      if (state === 'body') {
        const skipped = Math.min(left, chunk.length - i);
        i += skipped;
        left -= skipped;
        if (left === 0) [state, completed] = ['type', completed + 1];
        continue;
      }
      const byte = chunk[i++]!;
      if (state === 'type') {
        [type, length, multiplier, state] = [byte >> 4, 0, 1, 'length'];
        continue;
      }
      // Remaining length: a varint of at most 4 bytes, 7 bits each, least significant first [MQTT-2.2.3].
      length += (byte & 0x7f) * multiplier;
      multiplier *= 128;
      if (byte & 0x80) {
        if (multiplier > 128 ** 3) throw invalidInput('Malformed MQTT remaining length.');
        continue;
      }
      const limit = type === CONNECT ? Math.min(MAX_CONNECT_BYTES, maxPacketBytes) : maxPacketBytes;
      if (length > limit) throw new ModelWireError('too_large', `An MQTT packet announced ${length} bytes; at most ${limit} are accepted.`);
      [left, state] = [length, length === 0 ? 'type' : 'body'];
      if (length === 0) completed += 1;
    }
    return { completed, midPacket: state !== 'type' };
  };
}

export interface PacketLimits {
  maxPacketBytes: number;
  /** How long one packet may take to arrive, from its first byte: a client sending half a packet is cut after it. */
  packetTimeoutMs: number;
}

/** `inner` as the broker sees it: the same bytes both ways, destroyed as soon as a packet announces too much or stalls. */
export class SizeCappedConnection extends Duplex {
  private stalled: NodeJS.Timeout | undefined;
  // The acknowledgements and replies written in one event-loop turn go to the client in one write.
  private readonly coalesced: CoalescedWrites;

  constructor(
    private readonly inner: Duplex,
    { maxPacketBytes, packetTimeoutMs }: PacketLimits,
  ) {
    super();
    this.coalesced = coalesceWritesPerTurn(inner);
    const read = createFrameReader(maxPacketBytes);
    const stall = () => this.destroy(new Error(`An MQTT packet took over ${packetTimeoutMs} ms to arrive.`));
    inner.on('data', (chunk: Buffer) => {
      let progress: FrameProgress;
      try {
        progress = read(chunk);
      } catch (error) {
        this.destroy(error as Error);
        return;
      }
      if (progress.completed > 0 || !progress.midPacket) {
        clearTimeout(this.stalled);
        this.stalled = undefined;
      }
      if (progress.midPacket) this.stalled ??= setTimeout(stall, packetTimeoutMs);
      if (!this.push(chunk)) inner.pause();
    });
    inner.on('end', () => this.push(null));
    inner.on('error', (error) => this.destroy(error));
    inner.on('close', () => this.destroy());
  }

  override _read() {
    this.inner.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void) {
    this.coalesced.beforeWrite();
    if (this.inner.write(chunk, encoding)) callback();
    else this.inner.once('drain', () => callback());
  }

  // aedes corks the connection while it writes one packet's pieces: pass them to the socket as one write, not several.
  override _writev(chunks: Array<{ chunk: Buffer; encoding: BufferEncoding }>, callback: (error?: Error | null) => void) {
    const joined = chunks.length === 1 ? chunks[0]!.chunk : Buffer.concat(chunks.map(({ chunk }) => chunk));
    this._write(joined, 'binary', callback);
  }

  override _final(callback: (error?: Error | null) => void) {
    this.inner.end(() => callback());
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void) {
    clearTimeout(this.stalled);
    this.coalesced.flush();
    this.inner.destroy();
    callback(error);
  }
}
