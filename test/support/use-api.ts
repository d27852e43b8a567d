import { afterAll, beforeAll } from 'vitest';
import { startApi, type RunningApi } from './start-api';

type StartOptions = NonNullable<Parameters<typeof startApi>[0]>;

/**
 * Starts the real API server before the enclosing describe (or file) and stops it after, removing its DATA_DIR.
 * Returns a getter: the server exists only once beforeAll has run.
 */
export function useApi(options: StartOptions | (() => StartOptions) = {}): () => RunningApi {
  let api: RunningApi | undefined;
  beforeAll(async () => {
    api = await startApi(typeof options === 'function' ? options() : options);
  });
  afterAll(() => api?.close({ removeData: true }));
  return () => {
    if (!api) throw new Error('the API server is not running (useApi is read before beforeAll ran)');
    return api;
  };
}
