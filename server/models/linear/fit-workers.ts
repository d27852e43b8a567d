import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { invalidInput } from '../../../lib/model-wire-error';
import type { LeastSquaresFit, TrainingSet } from './least-squares';

export type FitReply = { fit: LeastSquaresFit } | { invalid: string } | { failure: string };

interface FitThread {
  worker: Worker;
  job?: { resolve: (fit: LeastSquaresFit) => void; reject: (error: Error) => void };
  crash?: Error;
  idleTimer?: NodeJS.Timeout;
}

/**
 * Starts fit-worker next to this module with the same extension: the .js file once compiled; the .ts file under tsx or
 * vitest. Node 20 does not apply loaders given in a Worker's execArgv (https://github.com/nodejs/node/issues/47747,
 * https://github.com/privatenumber/tsx/issues/354), so a TypeScript worker registers tsx itself before importing.
 */
function startWorker(): Worker {
  const extension = path.extname(fileURLToPath(import.meta.url));
  const entry = new URL(`./fit-worker${extension}`, import.meta.url);
  if (extension !== '.ts') return new Worker(entry);
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true });
}

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
