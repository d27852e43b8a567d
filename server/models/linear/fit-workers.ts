import type { Worker } from 'node:worker_threads';
import { invalidInput } from '../../../lib/model-wire-error';
import { startModuleWorker } from '../../core/onnx-worker/start-module-worker';
import type { LeastSquaresFit, TrainingSet } from './least-squares';

export type FitReply = { fit: LeastSquaresFit } | { invalid: string } | { failure: string };

interface FitThread {
  worker: Worker;
  job?: { resolve: (fit: LeastSquaresFit) => void; reject: (error: Error) => void };
  crash?: Error;
  idleTimer?: NodeJS.Timeout;
}

/** fit-worker.ts beside this module (fit-worker.js once compiled: scripts/build-server.ts bundles it beside the server). */
const startWorker = () => startModuleWorker('fit-worker', import.meta.url);

/**
 * Worker threads that fit least squares off the event loop. A thread is reused for the next fit, kept idle for
 * `idleMs` (not holding the process open), then ended. Callers bound how many fits run at once.
 */
export function createFitWorkers({ idleMs = 120_000, maxIdle = 4 } = {}) {
  const idle: FitThread[] = [];

  const dropIdle = (thread: FitThread) => {
    clearTimeout(thread.idleTimer);
    const at = idle.indexOf(thread);
    if (at >= 0) idle.splice(at, 1);
  };

  function spawn(): FitThread {
    const thread: FitThread = { worker: startWorker() };
    thread.worker.on('message', (reply: FitReply) => {
      const job = thread.job;
      thread.job = undefined;
      park(thread);
      if ('fit' in reply) job?.resolve(reply.fit);
      else job?.reject('invalid' in reply ? invalidInput(reply.invalid) : new Error(`least-squares worker: ${reply.failure}`));
    });
    thread.worker.on('error', (error) => (thread.crash = error));
    thread.worker.on('exit', (code) => {
      dropIdle(thread);
      thread.job?.reject(thread.crash ?? new Error(`least-squares worker exited with code ${code}`));
      thread.job = undefined;
    });
    return thread;
  }

  function park(thread: FitThread): void {
    if (idle.length >= maxIdle) return void thread.worker.terminate();
    thread.worker.unref();
    thread.idleTimer = setTimeout(() => {
      dropIdle(thread);
      void thread.worker.terminate();
    }, idleMs).unref();
    idle.push(thread);
  }

  /** Fits `set` on a worker thread. Transfers (detaches) `set.x` and `set.y`. */
  function fit(set: TrainingSet): Promise<LeastSquaresFit> {
    const thread = idle.pop() ?? spawn();
    clearTimeout(thread.idleTimer);
    thread.worker.ref();
    return new Promise((resolve, reject) => {
      thread.job = { resolve, reject };
      thread.worker.postMessage(set, [set.x.buffer, set.y.buffer]);
    });
  }

  async function close(): Promise<void> {
    await Promise.all(idle.splice(0).map((thread) => (clearTimeout(thread.idleTimer), thread.worker.terminate())));
  }

  return { fit, close };
}

export type FitWorkers = ReturnType<typeof createFitWorkers>;
