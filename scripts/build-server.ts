// The API server compiled to JavaScript: one ESM bundle for the server and one for each worker thread it starts, side by
// side in dist/server with node_modules left as imports, so production runs plain `node dist/server/main.js`.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { findModuleNeighbours, type ModuleNeighbours } from './server-bundle/module-neighbours';
import { BUNDLE_BANNER, requireCommonJsPackages } from './server-bundle/require-commonjs-packages';
import { buildVendorFile, commonJsPackagesOf } from './server-bundle/vendor-bundle';


const SERVER_ENTRY = 'server/main.ts';
export const SERVER_OUTDIR = 'dist/server';
export const SERVER_BUNDLE = `${SERVER_OUTDIR}/main.js`;
/** What went into the last build (paths from the project root): the bundles' sources and the copied assets. */
const INPUTS_FILE = 'build-inputs.json';

async function bundle(root: string, outdir: string, entryPoints: string[], found: ModuleNeighbours) {
  return build({
    absWorkingDir: root,
    entryPoints,
    entryNames: '[name]',
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
    banner: { js: BUNDLE_BANNER },
    plugins: [findModuleNeighbours(root, found), requireCommonJsPackages()],
  });
}

/** Bundles the server and its workers into `root/dist/server` (or `outdir`), replacing what was there. */
export async function buildServer(root: string, outdir = path.join(root, SERVER_OUTDIR)): Promise<void> {
  const entries = new Set([path.resolve(root, SERVER_ENTRY)]);
  // Each pass may find workers (which may start workers of their own); it ends when a pass finds nothing new.
  for (;;) {
    await rm(outdir, { recursive: true, force: true });
    await mkdir(outdir, { recursive: true });
    const found: ModuleNeighbours = { assets: new Map(), workers: new Map() };
    const result = await bundle(root, outdir, [...entries], found);
    const before = entries.size;
    for (const worker of found.workers.values()) entries.add(worker);
    if (entries.size > before) continue;
    await Promise.all([...found.assets].map(([name, source]) => copyFile(source, path.join(outdir, name))));
    // Only the server's own bundle gets a vendor file: a worker would parse all of it for the one package it needs.
    const serverBundle = path.join(outdir, `${path.basename(SERVER_ENTRY, '.ts')}.js`);
    const vendorFile = await buildVendorFile(root, outdir, serverBundle, commonJsPackagesOf(result.metafile, path.relative(root, serverBundle)));
    const inputs = [
      ...Object.keys(result.metafile.inputs).filter((input) => existsSync(path.resolve(root, input))),
      ...[...found.assets.values()].map((asset) => path.relative(root, asset)),
      // The vendor file is rebuilt when the installed packages change.
      ...(vendorFile && existsSync(path.join(root, 'package-lock.json')) ? ['package-lock.json'] : []),
    ];
    const outputs = [...[...entries].map((entry) => `${path.basename(entry, '.ts')}.js`), ...(vendorFile ? [path.basename(vendorFile)] : [])];
    await writeFile(path.join(outdir, INPUTS_FILE), `${JSON.stringify({ outputs, inputs }, null, 2)}\n`);
    return;
  }
}

/** Whether the bundles are missing, or older than any file that went into them (or one of those is gone). */
export function serverBuildIsStale(root: string, outdir = path.join(root, SERVER_OUTDIR)): boolean {
  const inputsFile = path.join(outdir, INPUTS_FILE);
  if (!existsSync(inputsFile)) return true;
  const built = JSON.parse(readFileSync(inputsFile, 'utf8')) as { outputs: string[]; inputs: string[] };
  const outputs = built.outputs.map((output) => path.join(outdir, output));
  if (!outputs.every((output) => existsSync(output))) return true;
  const builtAt = Math.min(...outputs.map((output) => statSync(output).mtimeMs));
  return built.inputs.map((input) => path.resolve(root, input)).some((input) => !existsSync(input) || statSync(input).mtimeMs > builtAt);
}
