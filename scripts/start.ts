// `npm start`: builds what is missing or stale (the compiled API server, the web app; the server builds the sentiment
// model itself), then runs the compiled API server with plain node and the web app together, stopping both when either
// stops or on Ctrl-C. `npm run dev` runs the TypeScript server under `tsx watch` and `next dev` instead.
// npm start runs this file compiled (dist/scripts/start.js), npm run dev under tsx: so the root is found, not assumed.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { readConfig } from '../server/config';
import { buildServer, SERVER_BUNDLE, SERVER_OUTDIR, serverBuildIsStale } from './build-server';
import { serverCommand } from './server-bundle/server-runtime';

/** The nearest folder up from this file that holds package.json. */
function projectRoot(): string {
  for (let dir = import.meta.dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (dir === path.dirname(dir)) throw new Error(`no package.json above ${import.meta.dirname}`);
  }
}

const root = projectRoot();
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);
const dev = process.argv.includes('--dev');
const config = readConfig();

function run(name: string, command: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, API_PORT: String(config.apiPort), ...env } });
  const prefix = (stream: NodeJS.WriteStream) => (chunk: Buffer) =>
    stream.write(chunk.toString().replace(/^(?=.)/gm, `[${name}] `));
  child.stdout?.on('data', prefix(process.stdout));
  child.stderr?.on('data', prefix(process.stderr));
  return child;
}

function runToEnd(name: string, command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    run(name, command, args).on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${name} exited with code ${code}`))));
  });
}

/** The newest modification time of the files below a folder. */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .reduce((newest, entry) => Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs), 0);
}

function webBuildIsStale(): boolean {
  const buildId = path.join(root, '.next/BUILD_ID');
  if (!existsSync(buildId)) return true;
  const sources = Math.max(...['app', 'components', 'lib', 'next.config.mjs'].map((entry) => {
    const full = path.join(root, entry);
    return existsSync(full) && statSync(full).isFile() ? statSync(full).mtimeMs : newestMtime(full);
  }));
  return sources > statSync(buildId).mtimeMs;
}

async function main() {
  if (!dev && serverBuildIsStale(root)) {
    console.log(`Compiling the API server to ${SERVER_OUTDIR}/: it is missing or older than its sources…`);
    await buildServer(root);
  }
  if (!dev && webBuildIsStale()) {
    console.log('Building the web app (next build): it is missing or older than its sources…');
    await runToEnd('build', bin('next'), ['build']);
  }
  const production = serverCommand('dist', SERVER_BUNDLE);
  const children = [
    dev ? run('api', bin('tsx'), ['watch', 'server/main.ts']) : run('api', process.execPath, production.args, production.env),
    run('web', bin('next'), [dev ? 'dev' : 'start', '--port', String(config.webPort), '--hostname', config.host]),
  ];
  console.log(`ModelWire: web http://${config.host}:${config.webPort} · API http://${config.host}:${config.apiPort}`);

  let stopping = false;
  const stopAll = (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) child.kill('SIGTERM');
    setTimeout(() => process.exit(code), 3000).unref();
    Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(0) : child.once('exit', resolve))))).then(() =>
      process.exit(code),
    );
  };
  for (const child of children) child.on('exit', (code) => stopAll(code ?? 1));
  process.once('SIGINT', () => stopAll(0));
  process.once('SIGTERM', () => stopAll(0));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
