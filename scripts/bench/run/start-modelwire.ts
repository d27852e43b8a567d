import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { distBuildExists, spawnApiServer, type SpawnedApiServer, type SpawnOptions } from '../../support/spawn-api-server';

const root = path.resolve(import.meta.dirname, '../../..');
const SOURCE_FOLDERS = ['server', 'lib'];

/** The newest modification time of the TypeScript sources a build is made from. */
function newestSourceTime(): number {
  let newest = 0;
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const folder of SOURCE_FOLDERS) visit(path.join(root, folder));
  return newest;
}

const distIsOlderThanSources = () => statSync(path.join(root, 'dist/server/main.js')).mtimeMs < newestSourceTime();

/**
 * ModelWire as asked (`--server`), or by default the compiled build when there is one. A default dist build that is
 * older than the sources is named in the notes; one that does not start is replaced by the sources, also noted.
 */
export async function startModelWire(options: SpawnOptions, notes: string[]): Promise<SpawnedApiServer> {
  if (options.build || !distBuildExists()) return spawnApiServer(options);
  if (distIsOlderThanSources()) notes.push('dist/server/main.js is older than the newest file in server/ or lib/: this run measured that older build.');
  try {
    return await spawnApiServer({ ...options, build: 'dist' });
  } catch (error) {
    notes.push(`dist/server/main.js did not start, so the sources ran through tsx instead: ${error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error)}`);
    return spawnApiServer({ ...options, build: 'tsx' });
  }
}
