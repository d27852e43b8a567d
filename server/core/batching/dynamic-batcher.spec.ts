import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ModelDescriptor } from '../../../lib/contract';
import { ModelWireError } from '../../../lib/model-wire-error';
import { createInferenceCore } from '../inference-core';
import type { ServedModel } from '../served-model';
import type { TrainableModels } from '../trainable-models';
import { createDynamicBatcher, type DynamicBatcher } from './dynamic-batcher';

/** Resolves in the check phase of the event loop (setImmediate is not faked), after what the batcher put there. */
const endOfTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A fake runBatch that records each batch and answers item × 10 once the test lets it finish. */
function recordingRun() {
  const batches: number[][] = [];
  const finishers: Array<() => void> = [];
  const runBatch = async (items: number[]) => {
    batches.push(items);
    await new Promise<void>((resolve) => finishers.push(resolve));
    return items.map((item) => item * 10);
  };
  /** Lets the oldest unfinished batch answer, and the turn end. */
  const finishNext = async () => {
    finishers.shift()!();
    await vi.advanceTimersByTimeAsync(0);
    await endOfTurn();
  };
  return { batches, runBatch, finishNext };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('dynamic batcher', () => {
  it('starts a batch as soon as it is full, and queues what arrives while one runs', async () => {
    const run = recordingRun();
    const batcher = createDynamicBatcher({ maxBatchSize: 3, maxQueueDelayMs: 1000, runBatch: run.runBatch });
    const answers = [1, 2, 3, 4, 5, 6, 7].map((item) => batcher.submit(item));
    expect(run.batches).toEqual([[1, 2, 3]]);
    expect(batcher.queued).toBe(4);

    await run.finishNext();
    expect(run.batches).toEqual([[1, 2, 3], [4, 5, 6]]);
    await run.finishNext();
    expect(run.batches).toHaveLength(2); // 7 alone waits for its delay
    await vi.advanceTimersByTimeAsync(1000);
    expect(run.batches).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    await run.finishNext();
    expect((await Promise.all(answers)).map((answer) => answer.result)).toEqual([10, 20, 30, 40, 50, 60, 70]);
  });

  it('runs a smaller batch once the oldest item has waited the queue delay', async () => {
    const run = recordingRun();
    const batcher = createDynamicBatcher({ maxBatchSize: 8, maxQueueDelayMs: 2, runBatch: run.runBatch });
    const first = batcher.submit(1);
    await vi.advanceTimersByTimeAsync(1);
    const second = batcher.submit(2);
    expect(run.batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(run.batches).toEqual([[1, 2]]);
    await run.finishNext();
    expect(await first).toEqual({ result: 10, queueMs: 2, batchSize: 2 });
    expect(await second).toEqual({ result: 20, queueMs: 1, batchSize: 2 });
  });

  it('with no queue delay runs what arrived in one event-loop turn as one batch at its end, then what waited meanwhile', async () => {
    const run = recordingRun();
    const batcher = createDynamicBatcher({ maxBatchSize: 8, maxQueueDelayMs: 0, runBatch: run.runBatch });
    const answers = [1, 2, 3].map((item) => batcher.submit(item));
    await Promise.resolve();
    expect(run.batches).toEqual([]);
    await endOfTurn();
    expect(run.batches).toEqual([[1, 2, 3]]);
    answers.push(batcher.submit(4), batcher.submit(5));
    await endOfTurn();
    expect(run.batches).toEqual([[1, 2, 3]]);
    await run.finishNext();
    expect(run.batches).toEqual([[1, 2, 3], [4, 5]]);
    await run.finishNext();
    expect((await Promise.all(answers)).map(({ result, batchSize, queueMs }) => [result, batchSize, queueMs])).toEqual([
      [10, 3, 0],
      [20, 3, 0],
      [30, 3, 0],
      [40, 2, 0],
      [50, 2, 0],
    ]);
  });

  it('with no queue delay does not hold a full batch for the end of the turn', async () => {
    const run = recordingRun();
    const batcher = createDynamicBatcher({ maxBatchSize: 2, maxQueueDelayMs: 0, runBatch: run.runBatch });
    void batcher.submit(1);
    expect(run.batches).toEqual([]);
    void batcher.submit(2);
    expect(run.batches).toEqual([[1, 2]]);
    await run.finishNext();
  });

  it('with a batch size of 1 runs every item alone, one after another', async () => {
    const run = recordingRun();
    const batcher = createDynamicBatcher({ maxBatchSize: 1, maxQueueDelayMs: 1000, runBatch: run.runBatch });
    const answers = [1, 2, 3].map((item) => batcher.submit(item));
    expect(run.batches).toEqual([[1]]);
    for (let done = 0; done < 3; done++) await run.finishNext();
    expect(run.batches).toEqual([[1], [2], [3]]);
    expect((await Promise.all(answers)).map(({ result, batchSize }) => [result, batchSize])).toEqual([[10, 1], [20, 1], [30, 1]]);
  });

  it('rejects every caller of a failed batch with its own internal error, then goes on with the next batch', async () => {
    let calls = 0;
    const batcher = createDynamicBatcher({
      maxBatchSize: 2,
      maxQueueDelayMs: 5,
      runBatch: async (items: number[]) => {
        if (calls++ === 0) throw new Error('onnxruntime exploded');
        return items;
      },
    });
    const failed = await Promise.all([batcher.submit(1), batcher.submit(2)].map((answer) => answer.catch((error: unknown) => error)));
    expect(failed[0]).not.toBe(failed[1]);
    for (const error of failed) {
      expect(error).toBeInstanceOf(ModelWireError);
      expect(error).toMatchObject({ code: 'internal', details: { batchSize: 2 } });
      expect((error as Error).message).toMatch(/batch of 2 requests/);
      expect((error as Error).cause).toEqual(new Error('onnxruntime exploded'));
    }
    const next = batcher.submit(3);
    await vi.advanceTimersByTimeAsync(5);
    await expect(next).resolves.toMatchObject({ result: 3, batchSize: 1 });
  });

  it('keeps the code of a typed failure, and refuses an answer with the wrong number of results', async () => {
    const notInstalled = createDynamicBatcher({
      maxBatchSize: 4,
      maxQueueDelayMs: 0,
      runBatch: async () => {
        throw new ModelWireError('not_installed', 'gone');
      },
    });
    await expect(notInstalled.submit(1)).rejects.toMatchObject({ code: 'not_installed', message: 'gone' });

    const short = createDynamicBatcher({ maxBatchSize: 2, maxQueueDelayMs: 1000, runBatch: async (items: number[]) => items.slice(1) });
    const answers = [short.submit(1), short.submit(2)].map((answer) => answer.catch((error: unknown) => error));
    for (const error of await Promise.all(answers)) {
      expect(error).toMatchObject({ code: 'internal' });
      expect((error as Error).cause).toEqual(new Error('runBatch answered 1 results for 2 items'));
    }
  });

  it('tells onBatch the size of each batch as it starts, before its items are answered', async () => {
    const run = recordingRun();
    const sizes: number[] = [];
    let answeredBeforeFirstBatch = false;
    const batcher = createDynamicBatcher({ maxBatchSize: 2, maxQueueDelayMs: 10, runBatch: run.runBatch, onBatch: (size) => sizes.push(size) });
    const answers = [1, 2, 3].map((item) => batcher.submit(item));
    void answers[0]!.then(() => (answeredBeforeFirstBatch = sizes.length === 0));
    expect(sizes).toEqual([2]);
    await run.finishNext();
    await vi.advanceTimersByTimeAsync(10);
    expect(sizes).toEqual([2, 1]);
    await run.finishNext();
    await Promise.all(answers);
    expect(answeredBeforeFirstBatch).toBe(false);
  });

  it('refuses settings that cannot batch', () => {
    const runBatch = async (items: number[]) => items;
    expect(() => createDynamicBatcher({ maxBatchSize: 0, maxQueueDelayMs: 0, runBatch })).toThrow(/maxBatchSize/);
    expect(() => createDynamicBatcher({ maxBatchSize: 2, maxQueueDelayMs: -1, runBatch })).toThrow(/maxQueueDelayMs/);
  });
});

/** A text model answering the text's length × 10, through a batcher, as the image classifier answers through its own. */
function batchedLengthModel(batcher: DynamicBatcher<number, number>): ServedModel {
  const descriptor: ModelDescriptor = { name: 'lengths', kind: 'text-sentiment', input: 'text', description: '', status: 'ready', version: 1, versions: [1], trainable: false };
  return {
    name: 'lengths',
    describe: () => descriptor,
    async predict(input) {
      const { result } = await batcher.submit(input.kind === 'text' ? input.text.length : 0);
      return { version: 1, output: { kind: 'sentiment', label: 'positive', score: result, probability: 1 }, inferenceMs: 0, preprocessMs: 0 };
    },
  };
}

describe('dynamic batcher inside the core', () => {
  it('drains: a shutdown waits for the predictions still queued for a batch and for the batch running', async () => {
    const run = recordingRun();
    const batcher = createDynamicBatcher({ maxBatchSize: 2, maxQueueDelayMs: 50, runBatch: run.runBatch });
    const noTrainable: TrainableModels = { names: () => [], has: () => false, get: () => { throw new Error('none'); }, train: async () => { throw new Error('none'); } };
    const core = createInferenceCore({ builtins: [batchedLengthModel(batcher)], trainable: noTrainable });
    const answered: number[] = [];
    const predictions = ['a', 'bb', 'ccc'].map(async (text) => {
      const { output } = await core.predict('lengths', { kind: 'text', text });
      answered.push(output.kind === 'sentiment' ? output.score : -1);
    });
    let drained = false;
    const draining = core.drain().then(() => (drained = true));

    await vi.advanceTimersByTimeAsync(0); // the predictions reach the batcher
    await run.finishNext(); // the first full batch
    expect(answered).toEqual([10, 20]);
    expect(drained).toBe(false); // 'ccc' still waits for its batch
    await vi.advanceTimersByTimeAsync(50);
    expect(run.batches).toEqual([[1, 2], [3]]);
    expect(drained).toBe(false);
    await run.finishNext();
    await Promise.all([...predictions, draining]);
    expect(answered).toEqual([10, 20, 30]);
    expect(drained).toBe(true);
  });
});
