import { buildApiServer } from './api-server';
import { readConfig } from './config';
import { createCore } from './create-core';

/** The composition root: reads config, builds the core, starts every listener. */
async function main() {
  const config = readConfig();
  const core = await createCore(config);
  const api = await buildApiServer({ core, config, logger: true });
  await api.listen({ host: config.host, port: config.apiPort });

  for (const model of core.listModels()) {
    const state = model.status === 'ready' ? `v${model.version}` : `not installed — run \`${model.installCommand}\``;
    api.log.info(`model ${model.name}: ${state}`);
  }
  api.log.info(`REST http://${config.host}:${config.apiPort}/v1/models · OpenAPI /openapi.json · Swagger UI /docs`);

  const shutdown = async (signal: string) => {
    api.log.info(`${signal}: shutting down`);
    await api.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
