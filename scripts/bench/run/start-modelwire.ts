import path from 'node:path';
import { serverBuildIsStale } from '../../build-server';
import { distBuildExists, spawnApiServer, type SpawnedApiServer, type SpawnOptions } from '../../support/spawn-api-server';

const root = path.resolve(import.meta.dirname, '../../..');

/**
 * ModelWire as asked (`--server`), or by default the compiled build when there is one. A default dist build that is
 * older than the sources is named in the notes; one that does not start is replaced by the sources, also noted.
 */
export async function startModelWire(options: SpawnOptions, notes: string[]): Promise<SpawnedApiServer> {
  if (options.build || !distBuildExists()) return spawnApiServer(options);
  if (serverBuildIsStale(root)) notes.push('dist/server/main.js is older than a file it was built from: this run measured that older build.');
  try {
    return await spawnApiServer({ ...options, build: 'dist' });
  } catch (error) {
    notes.push(`dist/server/main.js did not start, so the sources ran through tsx instead: ${error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error)}`);
    return spawnApiServer({ ...options, build: 'tsx' });
  }
}
