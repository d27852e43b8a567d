import { describe, expect, it } from 'vitest';
import { createLatestWinsQueue } from './latest-wins-queue';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('latest-wins queue', () => {
  it('works on the first item at once, then only on the newest of those pushed meanwhile', async () => {
    const started: Array<{ item: number; skipped: number }> = [];
    const gates: Array<ReturnType<typeof deferred>> = [];
    const queue = createLatestWinsQueue<number>(async (item, skipped) => {
      started.push({ item, skipped });
      const gate = deferred();
      gates.push(gate);
      await gate.promise;
    });

    queue.push(1);
    queue.push(2);
    queue.push(3);
    queue.push(4);
    expect(started).toEqual([{ item: 1, skipped: 0 }]);
    gates[0]!.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([
      { item: 1, skipped: 0 },
      { item: 4, skipped: 2 },
    ]);
    gates[1]!.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(queue.idle).toBe(true);

    queue.push(5);
    expect(started.at(-1)).toEqual({ item: 5, skipped: 0 });
    queue.close();
    queue.push(6);
    gates[2]!.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(started.map((s) => s.item)).toEqual([1, 4, 5]);
  });
});
