import { buildApiServer } from './api-server';
import { readConfig } from './config';
import { createCore } from './create-core';

/** The composition root: reads config, builds the core, starts every listener. */
async function main() {
  const config = readConfig();
  const core = await createCore(config);
  const api = await buildApiServer({ core, config, logger: true });
  await api.listen({ host: config.host, port: config.apiPort });

  const base = `http://${config.host}:${config.apiPort}`;
  console.log(
    [
      'ModelWire API server',
      ...core.listModels().map((model) => `  model ${model.name.padEnd(12)} ${model.status === 'ready' ? `v${model.version}` : `not installed — run \`${model.installCommand}\``}`),
      `  REST     ${base}/v1/models   (OpenAPI ${base}/openapi.json, Swagger UI ${base}/docs)`,
    ].join('\n'),
  );

  const shutdown = async (signal: string) => {
    console.log(`${signal}: shutting down`);
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
