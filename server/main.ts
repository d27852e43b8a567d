import { readConfig } from './config';
import { startLoadingImageGraphEarly } from './models/imagenet/image-graph-loading';

/**
 * `npm run server`: reads the config, starts ModelWire through the composition root, stops it on SIGINT/SIGTERM.
 * The image model starts loading on its worker thread first; the rest of the server is imported (about half of the
 * start-up, on this thread) while it loads.
 */
async function main() {
  const config = readConfig();
  const imageGraphLoading = config.inferenceBackend ? undefined : await startLoadingImageGraphEarly(config.modelsDir);
  const [{ startModelWire }, { startupSummary }] = await Promise.all([import('./start-server'), import('./startup-summary')]);
  const server = await startModelWire(config, { logger: true, imageGraphLoading });
  console.log(startupSummary(config, server));

  const shutdown = async (signal: string) => {
    console.log(`${signal}: shutting down`);
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
