import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { coalesceWritesPerTick } from './coalesced-writes';

/** A Writable that records how its data reached the system: one entry per write call, with the chunks it carried. */
function recordingStream() {
  const calls: string[][] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      calls.push([chunk.toString()]);
      done();
    },
    writev(chunks, done) {
      calls.push(chunks.map(({ chunk }) => String(chunk)));
      done();
    },
  });
  return { stream, calls };
}

const nextMacrotask = () => new Promise((resolve) => setImmediate(resolve));

describe('writes coalesced per tick', () => {
  it('sends the replies written in one tick, promise reactions included, in one write', async () => {
    const { stream, calls } = recordingStream();
    const beforeWrite = coalesceWritesPerTick(stream);
    const answers = ['a', 'b', 'c'].map((reply) => Promise.resolve(reply));
    answers.forEach((answer) =>
      void answer.then((reply) => {
        beforeWrite();
        stream.write(reply);
      }),
    );
    await nextMacrotask();
    expect(calls).toEqual([['a', 'b', 'c']]);
  });

  it('lets a lone reply go in the tick it was written, and corks afresh in the next tick', async () => {
    const { stream, calls } = recordingStream();
    const beforeWrite = coalesceWritesPerTick(stream);
    beforeWrite();
    stream.write('first');
    await Promise.resolve();
    await new Promise((resolve) => process.nextTick(resolve));
    expect(calls).toEqual([['first']]);
    await nextMacrotask();
    beforeWrite();
    stream.write('second');
    beforeWrite();
    stream.write('third');
    expect(calls).toHaveLength(1);
    await nextMacrotask();
    expect(calls).toEqual([['first'], ['second', 'third']]);
    expect(stream.writableCorked).toBe(0);
  });
});
