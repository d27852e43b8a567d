import { cp } from 'node:fs/promises';
import path from 'node:path';
import { inject } from 'vitest';
import { readConfig } from '../../server/config';
import type { InferenceCore } from '../../server/core/inference-core';
import { createCore } from '../../server/create-core';
import { makeTempDir, type RunningApi } from '../support/start-api';

/** What a case's expected answer is computed from: the server under test, and a core of its own in this process. */
export interface Reference {
  api: RunningApi;
  /** The same models, built from the same files, answering without any protocol in between. */
  core: InferenceCore;
}

/** A core in this process with the sentiment model the test run built once, and the given models folder. */
export async function createReferenceCore(modelsDir: string | undefined): Promise<InferenceCore> {
  const dataDir = await makeTempDir('reference-data');
  await cp(path.join(inject('prebuiltDataDir'), 'sentiment'), path.join(dataDir, 'sentiment'), { recursive: true });
  return createCore({ ...readConfig({} as NodeJS.ProcessEnv), dataDir, modelsDir: modelsDir ?? (await makeTempDir('reference-models')) });
}
