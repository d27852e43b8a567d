import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { coalesceWritesPerTurn } from './coalesced-writes';

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

describe('writes coalesced per event-loop turn', () => {
  it('sends the replies written in one turn, from promise reactions and process.nextTick callbacks alike, in one write', async () => {
    const { stream, calls } = recordingStream();
    const { beforeWrite } = coalesceWritesPerTurn(stream);
    const write = (reply: string) => {
      beforeWrite();
      stream.write(reply);
    };
    ['a', 'b'].forEach((reply) => void Promise.resolve(reply).then(write));
    process.nextTick(() => process.nextTick(() => write('c')));
    expect(calls).toEqual([]);
    // The writes above run after this test's own setImmediate was queued: wait one turn more.
    await nextMacrotask();
    await nextMacrotask();
    expect(calls).toEqual([['a', 'b', 'c']]);
  });

  it('lets a lone reply go in the turn it was written, and corks afresh in the next turn', async () => {
    const { stream, calls } = recordingStream();
    const { beforeWrite } = coalesceWritesPerTurn(stream);
    beforeWrite();
    stream.write('first');
    await nextMacrotask();
    expect(calls).toEqual([['first']]);
    beforeWrite();
    stream.write('second');
    beforeWrite();
    stream.write('third');
    expect(calls).toHaveLength(1);
    await nextMacrotask();
    expect(calls).toEqual([['first'], ['second', 'third']]);
    expect(stream.writableCorked).toBe(0);
  });

  it('sends what waits at once when flushed (before the stream is destroyed), and only once', async () => {
    const { stream, calls } = recordingStream();
    const coalesced = coalesceWritesPerTurn(stream);
    coalesced.beforeWrite();
    stream.write('refusal');
    coalesced.flush();
    expect(calls).toEqual([['refusal']]);
    stream.destroy();
    await nextMacrotask();
    expect(calls).toEqual([['refusal']]);
  });
});
