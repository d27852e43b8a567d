import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Plugin } from 'esbuild';

/** `new URL('./model-wire.wsdl', import.meta.url)`: a file a module reads from beside itself. */
const ASSET_URL = /new URL\(\s*(['"])([^'"]+)\1\s*,\s*import\.meta\.url\s*\)/g;
/** `startModuleWorker('fit-worker', import.meta.url)`: a worker thread whose module sits beside the caller. */
const WORKER_START = /startModuleWorker\(\s*(['"])([\w.-]+)\1\s*,\s*import\.meta\.url/g;

/** What the sources refer to beside themselves: by file name in the output folder, the source file. */
export interface ModuleNeighbours {
  assets: Map<string, string>;
  workers: Map<string, string>;
}

function addNeighbour(found: Map<string, string>, name: string, source: string): void {
  const taken = found.get(name);
  if (taken && taken !== source) throw new Error(`two files would be ${name} in the build: ${taken} and ${source}`);
  found.set(name, source);
}

/**
 * In a bundle import.meta.url is the bundle's, so whatever a module finds beside itself must sit beside the bundles:
 * assets are copied there (esbuild leaves `new URL(..., import.meta.url)` alone: https://github.com/evanw/esbuild/issues/795)
 * and worker modules become entries of their own.
 */
export function findModuleNeighbours(root: string, found: ModuleNeighbours): Plugin {
  return {
    name: 'find-module-neighbours',
    setup(builder) {
      builder.onLoad({ filter: /\.ts$/ }, async ({ path: file }) => {
        if (file.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const source = await readFile(file, 'utf8');
        for (const [, , reference] of source.matchAll(ASSET_URL)) {
          const name = path.basename(reference!);
          if (reference !== `./${name}`) throw new Error(`${path.relative(root, file)}: only assets beside the module can be bundled, not "${reference}"`);
          addNeighbour(found.assets, name, path.resolve(path.dirname(file), name));
        }
        for (const [, , worker] of source.matchAll(WORKER_START)) {
          const entry = path.resolve(path.dirname(file), `${worker}.ts`);
          if (!existsSync(entry)) throw new Error(`${path.relative(root, file)} starts a worker ${worker} that has no ${worker}.ts beside it`);
          addNeighbour(found.workers, `${worker}.js`, entry);
        }
        return undefined; // esbuild goes on to load the file itself
      });
    },
  };
}
