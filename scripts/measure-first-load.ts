// `npm run measure:first-load`: the gzipped JavaScript a first visit to `/` downloads, from a production build's
// manifests (NEXT_DIST_DIR, .next by default; run `next build` first). Exits 1 above the budget (issue 11: 200 KB).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 200;
const root = path.resolve(import.meta.dirname, '..');
const dist = path.resolve(root, process.env.NEXT_DIST_DIR ?? '.next');
const route = process.argv[2] ?? '/';
const appDir = path.join(dist, 'server/app', route === '/' ? '' : route);
const readJson = <T>(file: string) => JSON.parse(readFileSync(file, 'utf8')) as T;

/** Next's runtime chunks every page loads first (polyfillFiles are `nomodule`: a current browser skips them). */
const rootMainFiles = readJson<{ rootMainFiles: string[] }>(path.join(appDir, 'page/build-manifest.json')).rootMainFiles;

/** The chunks the route's layouts and page load, from the client reference manifest the server renders with. */
function entryChunks(): string[] {
  const sandbox = { globalThis: {} as { __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> } };
  runInNewContext(readFileSync(path.join(appDir, 'page_client-reference-manifest.js'), 'utf8'), sandbox);
  const manifest = Object.values(sandbox.globalThis.__RSC_MANIFEST ?? {})[0];
  if (!manifest) throw new Error(`no client reference manifest for ${route} in ${dist}`);
  const segments = Object.keys(manifest.entryJSFiles).filter((segment) => segment.startsWith('[project]/app/'));
  return segments.flatMap((segment) => manifest.entryJSFiles[segment]!);
}

const chunks = [...new Set([...rootMainFiles, ...entryChunks()])].filter((chunk) => chunk.endsWith('.js'));
const sizes = chunks.map((chunk) => {
  const bytes = readFileSync(path.join(dist, chunk));
  return { chunk, raw: bytes.length, gzip: gzipSync(bytes).length };
});
sizes.sort((a, b) => b.gzip - a.gzip);
const kb = (bytes: number) => (bytes / 1000).toFixed(1).padStart(8);
for (const { chunk, raw, gzip } of sizes) console.log(`${kb(gzip)} kB gzip ${kb(raw)} kB raw  ${chunk}`);
const total = sizes.reduce((sum, size) => sum + size.gzip, 0);
console.log(`First load of ${route}: ${(total / 1000).toFixed(1)} kB of gzipped JavaScript in ${sizes.length} chunks (budget ${BUDGET_KB} kB).`);
if (total > BUDGET_KB * 1000) process.exitCode = 1;
