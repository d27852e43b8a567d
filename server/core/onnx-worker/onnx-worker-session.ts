import type { Worker } from 'node:worker_threads';
import type { OnnxTuning } from '../onnx-session';
import { transferablesOf, type OnnxRunReply, type OnnxRunRequest, type OnnxWorkerData, type OnnxWorkerStarted, type TensorMap } from './onnx-worker-messages';
import { startModuleWorker } from './start-module-worker';

/**
 * An ONNX model run on its own worker thread. onnxruntime-node's run() is synchronous under its promise (it only
 * defers to setImmediate), so on the main thread every inference blocks every protocol's event loop:
 * https://github.com/microsoft/onnxruntime/issues/19611, https://github.com/microsoft/onnxruntime/issues/26968.
 */
export interface OnnxWorkerSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /**
   * Runs on the worker thread, one run after another; transfers (detaches) the feeds' buffers, and hands them back as
   * `feeds` with the answer, for the next run to fill.
   */
  run(feeds: TensorMap): Promise<OnnxWorkerRun>;
  /** Ends the thread; runs still waiting are rejected. */
  release(): Promise<void>;
}

export interface OnnxWorkerRun {
  outputs: TensorMap;
  inferenceMs: number;
  feeds: TensorMap;
}

interface RunningThread {
  worker: Worker;
  inputNames: string[];
  outputNames: string[];
}

type PendingRun = { resolve: (reply: OnnxWorkerRun) => void; reject: (error: Error) => void };

/** Loads `model` on a new worker thread; a thread that dies is replaced at the next run (its runs in flight fail). */
export async function loadOnnxWorkerSession(model: Uint8Array, tuning: OnnxTuning = {}): Promise<OnnxWorkerSession> {
  const pending = new Map<number, PendingRun>();
  let nextId = 0;
  let current: Promise<RunningThread> | undefined;
  let released = false;

  const failPending = (error: Error) => {
    for (const run of pending.values()) run.reject(error);
    pending.clear();
  };

  function answer(reply: OnnxRunReply, worker: Worker): void {
    const run = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref(); // an idle thread does not hold the process open
    if ('failure' in reply) run?.reject(new Error(`onnxruntime failed: ${reply.failure}`));
    else run?.resolve(reply);
  }

  function startThread(): Promise<RunningThread> {
    const worker = startModuleWorker('onnx-worker-thread', import.meta.url, { workerData: { model, tuning } satisfies OnnxWorkerData });
    let crash: Error | undefined;
    const started = new Promise<RunningThread>((resolve, reject) => {
      worker.once('message', (first: OnnxWorkerStarted) => {
        if ('loadFailure' in first) {
          reject(new Error(`onnxruntime could not load the model on its worker thread: ${first.loadFailure}`));
          return void worker.terminate();
        }
        worker.on('message', (reply: OnnxRunReply) => answer(reply, worker));
        if (pending.size === 0) worker.unref();
        resolve({ worker, ...first.ready });
      });
      worker.on('error', (error) => (crash = error));
      worker.once('exit', (code) => {
        if (current === started) current = undefined;
        const failure = crash ?? new Error(`the onnxruntime worker thread exited with code ${code}`);
        reject(failure);
        failPending(failure);
      });
    });
    return started;
  }

  const first = await (current = startThread());

  return {
    inputNames: first.inputNames,
    outputNames: first.outputNames,
    async run(feeds) {
      if (released) throw new Error('the onnxruntime worker session was released');
      const { worker } = await (current ??= startThread());
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.ref();
        worker.postMessage({ id, feeds } satisfies OnnxRunRequest, transferablesOf(feeds));
      });
    },
    async release() {
      released = true;
      const thread = current;
      current = undefined;
      if (thread) await thread.then(({ worker }) => worker.terminate(), () => undefined);
    },
  };
}
