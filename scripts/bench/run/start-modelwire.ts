import path from 'node:path';
import { buildServer, SERVER_OUTDIR, serverBuildIsStale } from '../../build-server';
import { spawnApiServer, type SpawnedApiServer, type SpawnOptions } from '../../support/spawn-api-server';

const root = path.resolve(import.meta.dirname, '../../..');

/**
 * ModelWire as `npm start` runs it, the compiled build, first compiled again when it is missing or older than its
 * sources (as `npm start` does); `--server tsx` runs the sources. A compiled build that does not start is replaced by
 * the sources, which the notes say.
 */
export async function startModelWire(options: SpawnOptions, notes: string[]): Promise<SpawnedApiServer> {
  if (options.build === 'tsx') return spawnApiServer(options);
  if (serverBuildIsStale(root)) {
    console.log(`Compiling the API server to ${SERVER_OUTDIR}/: it is missing or older than its sources…`);
    await buildServer(root);
  }
  try {
    return await spawnApiServer({ ...options, build: 'dist' });
  } catch (error) {
    notes.push(`dist/server/main.js did not start, so the sources ran through tsx instead: ${error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error)}`);
    return spawnApiServer({ ...options, build: 'tsx' });
  }
}
