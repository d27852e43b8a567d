import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSentimentModel } from '../server/models/sentiment';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A DATA_DIR holding only the sentiment model, built once for the whole run. */
    prebuiltDataDir: string;
  }
}

/** Builds the sentiment model once, so each server a test starts can copy it instead of retraining. */
export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'modelwire-test-prebuilt-'));
  await buildSentimentModel(dataDir);
  project.provide('prebuiltDataDir', dataDir);
  return () => rm(dataDir, { recursive: true, force: true });
}
