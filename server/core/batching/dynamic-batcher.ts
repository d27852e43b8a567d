import { ModelWireError } from '../../../lib/model-wire-error';

export interface DynamicBatcherOptions<Item, Result> {
  /** Items in one batch at most; 1 runs every item on its own. */
  maxBatchSize: number;
  /**
   * How long the oldest waiting item may wait for others to join it before a smaller batch runs (Triton's
   * max_queue_delay_microseconds, in milliseconds here). 0: no waiting on a clock, but what arrives within one turn of
   * the event loop (the messages of one socket read, the requests of one poll) runs as one batch at the end of that turn.
   */
  maxQueueDelayMs: number;
  /** Runs one batch; answers one result per item, in the items' order. */
  runBatch(items: Item[]): Promise<Result[]>;
  /** Told the size of each batch as it starts, before any of its items is answered (metrics); must not throw. */
  onBatch?(size: number): void;
}

export interface BatchedAnswer<Result> {
  result: Result;
  /** From submit() to the start of the batch that ran this item, in milliseconds. */
  queueMs: number;
  /** How many items ran in that batch. */
  batchSize: number;
}

export interface DynamicBatcher<Item, Result> {
  /** Queues one item; resolves with its own result, or rejects alone with its batch's failure. */
  submit(item: Item): Promise<BatchedAnswer<Result>>;
  /** Items waiting for a batch (not counting the batch running). */
  readonly queued: number;
}

interface QueuedItem<Item, Result> {
  item: Item;
  submittedAt: number;
  resolve: (answer: BatchedAnswer<Result>) => void;
  reject: (error: Error) => void;
}

/**
 * Collects items into batches, one batch running at a time: a batch starts when maxBatchSize items wait, or when the
 * oldest has waited maxQueueDelayMs, or when the previous batch ends and the oldest has waited that long. Items arriving
 * while a batch runs form the next one. A batch that is due but not full starts in the check phase of the event loop
 * (setImmediate), after the I/O callbacks of the turn: started at the first item, it would run that item alone and
 * the rest of the turn's items as a second batch (measured at 32 calls in flight: 7.8 → 13 calls per run of the linear
 * graph, 8–18% less server CPU per call on WebSocket, MQTT and REST).
 */
export function createDynamicBatcher<Item, Result>(options: DynamicBatcherOptions<Item, Result>): DynamicBatcher<Item, Result> {
  const { maxBatchSize, maxQueueDelayMs, runBatch, onBatch } = options;
  if (!Number.isSafeInteger(maxBatchSize) || maxBatchSize < 1) throw new Error(`maxBatchSize must be a positive integer, got ${maxBatchSize}`);
  if (!(maxQueueDelayMs >= 0)) throw new Error(`maxQueueDelayMs must be ≥ 0, got ${maxQueueDelayMs}`);
  const queue: Array<QueuedItem<Item, Result>> = [];
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let endOfTurn: NodeJS.Immediate | undefined;

  /** `late`: called from a timer or the end of the turn, so a due batch need not wait for the end of the turn. */
  function startWhenDue(late = false): void {
    if (running || queue.length === 0) return;
    const waitLeftMs = maxQueueDelayMs - (performance.now() - queue[0]!.submittedAt);
    if (queue.length >= maxBatchSize || (late && waitLeftMs <= 0)) return startBatch();
    if (waitLeftMs <= 0) {
      endOfTurn ??= setImmediate(() => {
        endOfTurn = undefined;
        startWhenDue(true);
      });
      return;
    }
    timer ??= setTimeout(() => {
      timer = undefined;
      startWhenDue(true);
    }, waitLeftMs);
  }

  function startBatch(): void {
    clearTimeout(timer);
    clearImmediate(endOfTurn);
    timer = undefined;
    endOfTurn = undefined;
    running = true;
    void settle(queue.splice(0, maxBatchSize)).finally(() => {
      running = false;
      startWhenDue();
    });
  }

  async function settle(batch: Array<QueuedItem<Item, Result>>): Promise<void> {
    const startedAt = performance.now();
    let results: Result[];
    try {
      onBatch?.(batch.length);
      results = await runBatch(batch.map(({ item }) => item));
      if (results.length !== batch.length) throw new Error(`runBatch answered ${results.length} results for ${batch.length} items`);
    } catch (error) {
      for (const { reject } of batch) reject(batchFailure(error, batch.length));
      return;
    }
    batch.forEach(({ resolve, submittedAt }, index) => resolve({ result: results[index]!, queueMs: startedAt - submittedAt, batchSize: batch.length }));
  }

  return {
    submit: (item) =>
      new Promise((resolve, reject) => {
        queue.push({ item, submittedAt: performance.now(), resolve, reject });
        startWhenDue();
      }),
    get queued() {
      return queue.length;
    },
  };
}

/** Each caller gets its own error; a typed one (not_installed, ...) keeps its code, anything else is internal. */
function batchFailure(error: unknown, batchSize: number): ModelWireError {
  if (error instanceof ModelWireError) return new ModelWireError(error.code, error.message, error.details, { cause: error });
  return new ModelWireError('internal', `Inference failed for the batch of ${batchSize} requests this one ran in.`, { batchSize }, { cause: error });
}
