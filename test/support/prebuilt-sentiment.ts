import { tmpdir } from 'node:os';
import path from 'node:path';

/** A DATA_DIR holding only the sentiment model, built once per test run by test/global-setup.ts. */
export const PREBUILT_DATA_DIR = path.join(tmpdir(), 'modelwire-test-prebuilt');
export const PREBUILT_SENTIMENT_DIR = path.join(PREBUILT_DATA_DIR, 'sentiment');
