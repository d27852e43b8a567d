import { readConfig } from './config';
import { startupSummary } from './startup-summary';
import { startModelWire } from './start-server';

/** `npm run server`: reads the config, starts ModelWire through the composition root, stops it on SIGINT/SIGTERM. */
async function main() {
  const config = readConfig();
  const server = await startModelWire(config, { logger: true });
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
