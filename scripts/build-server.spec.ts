import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, SERVER_OUTDIR, serverBuildIsStale } from './build-server';

// A project shaped like the server: an entry that starts a worker module beside its caller, reads an asset beside itself
// and uses a CommonJS package. Built, then run with plain node.
const SOURCES: Record<string, string> = {
  'server/main.ts': `
    import { readFile } from 'node:fs/promises';
    import exclaim from 'exclaim';
    import { startEcho } from './workers/start-echo';
    const greeting = await readFile(new URL('./greeting.txt', import.meta.url), 'utf8');
    console.log(exclaim(greeting.trim()), await startEcho('from the worker'));`,
  'node_modules/exclaim/package.json': '{ "name": "exclaim", "main": "index.js" }\n',
  'node_modules/exclaim/index.js': 'module.exports = (text) => text + "!";\n',
  'package-lock.json': '{ "lockfileVersion": 3 }\n',
  'server/greeting.txt': 'hello\n',
  'server/workers/start-echo.ts': `
    import { Worker } from 'node:worker_threads';
    const startModuleWorker = (name: string, callerUrl: string) => new Worker(new URL(\`./\${name}.js\`, callerUrl));
    export function startEcho(text: string): Promise<string> {
      const worker = startModuleWorker('echo-worker', import.meta.url);
      return new Promise((resolve) => worker.once('message', (reply: string) => (void worker.terminate(), resolve(reply))).postMessage(text));
    }`,
  'server/workers/echo-worker.ts': `
    import { parentPort } from 'node:worker_threads';
    parentPort!.once('message', (text: string) => parentPort!.postMessage(text.toUpperCase()));`,
};

describe('buildServer', () => {
  let root: string;
  let outdir: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'modelwire-build-'));
    outdir = path.join(root, SERVER_OUTDIR);
    for (const [file, text] of Object.entries(SOURCES)) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), text);
    }
    await writeFile(path.join(root, 'package.json'), '{ "type": "module" }\n');
    await buildServer(root);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('bundles the entry and every worker it starts side by side, with the assets they read and the entry’s packages', async () => {
    expect((await readdir(outdir)).sort()).toEqual([
      'build-inputs.json',
      'echo-worker.js',
      'echo-worker.js.map',
      'greeting.txt',
      'main.js',
      'main.js.map',
      'main.vendor.cjs',
    ]);
  });

  it('runs with plain node, taking its packages from the vendor file rather than node_modules', async () => {
    const run = () => promisify(execFile)(process.execPath, [path.join(outdir, 'main.js')], { cwd: root, env: { ...process.env, NODE_OPTIONS: '' } });
    expect((await run()).stdout.trim()).toBe('hello! FROM THE WORKER');
    await rm(path.join(root, 'node_modules'), { recursive: true });
    try {
      expect((await run()).stdout.trim()).toBe('hello! FROM THE WORKER');
    } finally {
      await mkdir(path.join(root, 'node_modules/exclaim'), { recursive: true });
      for (const file of ['node_modules/exclaim/package.json', 'node_modules/exclaim/index.js']) await writeFile(path.join(root, file), SOURCES[file]!);
    }
  });

  it('is stale once a source, an asset or the installed packages are newer than the bundles, and when one is missing', async () => {
    expect(serverBuildIsStale(root)).toBe(false);
    const [earlier, later] = [new Date(Date.now() - 60_000), new Date(Date.now() + 60_000)];
    await utimes(path.join(root, 'server/greeting.txt'), later, later);
    expect(serverBuildIsStale(root)).toBe(true);
    await utimes(path.join(root, 'server/greeting.txt'), earlier, earlier);
    expect(serverBuildIsStale(root)).toBe(false);
    await utimes(path.join(root, 'package-lock.json'), later, later);
    expect(serverBuildIsStale(root)).toBe(true);
    await utimes(path.join(root, 'package-lock.json'), earlier, earlier);
    await rm(path.join(outdir, 'main.vendor.cjs'));
    expect(serverBuildIsStale(root)).toBe(true);
    await buildServer(root);
    expect(serverBuildIsStale(root)).toBe(false);
    await utimes(path.join(root, 'server/workers/echo-worker.ts'), later, later);
    expect(serverBuildIsStale(root)).toBe(true);
    await rm(outdir, { recursive: true });
    expect(serverBuildIsStale(root)).toBe(true);
  });
});
