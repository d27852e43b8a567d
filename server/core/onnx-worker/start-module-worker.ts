import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts the worker module `name` that sits beside `callerUrl` (a module's import.meta.url), with the caller's own
 * extension: the .js file once compiled; the .ts file under tsx or vitest. Node 20 does not apply loaders given in a
 * Worker's execArgv (https://github.com/nodejs/node/issues/47747, https://github.com/privatenumber/tsx/issues/354), so a
 * TypeScript worker registers tsx itself before importing.
 */
export function startModuleWorker(name: string, callerUrl: string, options: WorkerOptions = {}): Worker {
  const extension = path.extname(fileURLToPath(callerUrl));
  const entry = new URL(`./${name}${extension}`, callerUrl);
  if (extension !== '.ts') return new Worker(entry, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
