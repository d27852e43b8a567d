import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/** A fresh empty folder for each test of the calling suite, removed after it; call the returned function for its path. */
export function useTempDir(prefix: string): () => string {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), `modelwire-${prefix}-`));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));
  return () => dir;
}
