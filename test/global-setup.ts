import { rm } from 'node:fs/promises';
import { buildSentimentModel } from '../server/models/sentiment';
import { PREBUILT_DATA_DIR } from './support/prebuilt-sentiment';

/** Builds the sentiment model once, so each server a test starts can copy it instead of retraining. */
export default async function setup() {
  await rm(PREBUILT_DATA_DIR, { recursive: true, force: true });
  await buildSentimentModel(PREBUILT_DATA_DIR);
}
