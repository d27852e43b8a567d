import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createFrameReader, MAX_CONNECT_BYTES, SizeCappedConnection } from './packet-size-guard';

/** A fixed header: the packet type, then the remaining length as MQTT writes it (7 bits a byte, low first, 0x80 = more). */
const header = (type: number, ...length: number[]) => Buffer.from([type << 4, ...length]);
const PUBLISH = 3;

describe('MQTT packet size guard', () => {
  it('follows packets split anywhere, and refuses the first that announces too much', () => {
    const read = createFrameReader(1000);
    const stream = Buffer.concat([header(PUBLISH, 0xe8, 0x07), Buffer.alloc(1000), header(12, 0), header(PUBLISH, 0xc8, 0x01), Buffer.alloc(200)]);
    for (let i = 0; i < stream.length; i += 7) read(stream.subarray(i, i + 7));
    expect(() => read(header(PUBLISH, 0xe9, 0x07))).toThrow(/announced 1001 bytes; at most 1000/);
  });

  it('refuses a 250 MB announcement from its header alone, a large CONNECT, and a 5-byte length', () => {
    expect(() => createFrameReader(20 << 20)(header(PUBLISH, 0x80, 0x80, 0x80, 0x7d))).toThrow(/announced 262144000 bytes/);
    expect(MAX_CONNECT_BYTES + 1).toBe(65_537);
    expect(() => createFrameReader(20 << 20)(header(1, 0x81, 0x80, 0x04))).toThrow(expect.objectContaining({ code: 'too_large' }));
    expect(() => createFrameReader(Number.MAX_SAFE_INTEGER)(header(PUBLISH, 0xff, 0xff, 0xff, 0xff, 0x01))).toThrow(/Malformed/);
  });

  it('passes bytes through both ways and destroys both ends when a packet is too large', async () => {
    const inner = new PassThrough();
    const capped = new SizeCappedConnection(inner, { maxPacketBytes: 10, packetTimeoutMs: 60_000 });
    const received: Buffer[] = [];
    capped.on('data', (chunk: Buffer) => received.push(chunk));
    const errored = new Promise<Error>((resolve) => capped.once('error', resolve));
    inner.write(Buffer.concat([header(PUBLISH, 2), Buffer.from('hi')]));
    await new Promise((resolve) => setImmediate(resolve));
    expect(Buffer.concat(received).subarray(2).toString()).toBe('hi');
    inner.write(header(PUBLISH, 11));
    expect((await errored).message).toMatch(/announced 11 bytes/);
    expect(inner.destroyed).toBe(true);
  });

  it('cuts a connection whose packet stops halfway, and not one that idles between packets', async () => {
    const idle = new PassThrough();
    const between = new SizeCappedConnection(idle, { maxPacketBytes: 10, packetTimeoutMs: 50 });
    between.resume();
    idle.write(Buffer.concat([header(PUBLISH, 2), Buffer.from('hi')]));
    const half = new PassThrough();
    const stalled = new SizeCappedConnection(half, { maxPacketBytes: 10, packetTimeoutMs: 50 });
    stalled.resume();
    const errored = new Promise<Error>((resolve) => stalled.once('error', resolve));
    half.write(Buffer.concat([header(PUBLISH, 4), Buffer.from('hi')]));
    expect((await errored).message).toMatch(/took over 50 ms/);
    expect(between.destroyed).toBe(false);
    between.destroy();
  });
});
