import { buildApiServer } from './api-server';
import { readConfig } from './config';
import { createCore } from './create-core';
import { startGrpcServer } from './protocols/grpc';

/** The composition root: reads config, builds the core, starts every listener. */
async function main() {
  const config = readConfig();
  const core = await createCore(config);
  const api = await buildApiServer({ core, config, logger: true });
  await api.listen({ host: config.host, port: config.apiPort });
  const grpc = await startGrpcServer({ core, host: config.host, port: config.grpcPort });

  for (const model of core.listModels()) {
    const state = model.status === 'ready' ? `v${model.version}` : `not installed — run \`${model.installCommand}\``;
    api.log.info(`model ${model.name}: ${state}`);
  }
  const base = `http://${config.host}:${config.apiPort}`;
  api.log.info(`REST ${base}/v1/models · OpenAPI ${base}/openapi.json · Swagger UI ${base}/docs`);
  api.log.info(`GraphQL ${base}/graphql · SOAP ${base}/soap?wsdl · gRPC-Web/Connect ${base} · native gRPC ${config.host}:${grpc.port}`);

  const shutdown = async (signal: string) => {
    api.log.info(`${signal}: shutting down`);
    await Promise.all([api.close(), grpc.close()]);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
