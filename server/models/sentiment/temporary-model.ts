import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ServedModel } from '../../core/served-model';
import { buildSentimentModel } from './build-sentiment';
import { createSentimentModel } from './sentiment-model';

export interface TemporarySentimentModel {
  dataDir: string;
  model: ServedModel;
  remove(): Promise<void>;
}

/** Builds the model into a fresh DATA_DIR under the OS temp folder and serves it, for specs and evaluations. */
export async function buildTemporarySentimentModel(): Promise<TemporarySentimentModel> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'modelwire-sentiment-'));
  try {
    await buildSentimentModel(dataDir);
    return { dataDir, model: await createSentimentModel(dataDir), remove: () => rm(dataDir, { recursive: true, force: true }) };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
