// `npm run build`: compiles the API server to dist/server (esbuild), then builds the web app (next build).
// `npm run build:server` (--server): the server only.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildServer, SERVER_OUTDIR } from './build-server';

const root = path.resolve(import.meta.dirname, '..');

async function main() {
  const started = performance.now();
  await buildServer(root);
  console.log(`API server compiled to ${SERVER_OUTDIR}/ in ${Math.round(performance.now() - started)} ms`);
  if (process.argv.includes('--server')) return;
  const next = spawnSync(path.join(root, 'node_modules/.bin/next'), ['build'], { cwd: root, stdio: 'inherit' });
  if (next.status !== 0) process.exit(next.status ?? 1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
