import { describe, expect, it } from 'vitest';
import { ModelWireError } from '../../../lib/model-wire-error';
import { createBoundedQueue } from './bounded-queue';

describe('bounded queue', () => {
  it('runs `concurrency` tasks, lets `maxWaiting` wait, and refuses the next at once with overloaded', async () => {
    const queue = createBoundedQueue({ concurrency: 2, maxWaiting: 1, label: 'training' });
    const started: number[] = [];
    const finish: Array<() => void> = [];
    const task = (i: number) => async () => {
      started.push(i);
      await new Promise<void>((resolve) => (finish[i] = resolve));
      return i;
    };
    const runs = [0, 1, 2].map((i) => queue.run(task(i)));
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect([queue.running, queue.waiting]).toEqual([2, 1]);

    const refused = await queue.run(async () => 'never').catch((error: ModelWireError) => error);
    expect(refused).toBeInstanceOf(ModelWireError);
    expect((refused as ModelWireError).code).toBe('overloaded');
    expect((refused as ModelWireError).message).toBe('training queue full (1 waiting); retry shortly.');

    finish[0]!();
    await runs[0];
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(started).toEqual([0, 1, 2]);
    finish[1]!();
    finish[2]!();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect([queue.running, queue.waiting]).toEqual([0, 0]);
  });

  it('frees the slot when a task fails', async () => {
    const queue = createBoundedQueue({ concurrency: 1, maxWaiting: 0, label: 'training' });
    await expect(queue.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await queue.run(async () => 'next')).toBe('next');
  });
});
