import { buildApiServer } from './api-server';
import { readConfig } from './config';
import { createCore } from './create-core';
import { startGrpcServer } from './protocols/grpc';
import { startMqtt } from './protocols/mqtt';

/** The composition root: reads config, builds the core, starts every listener. */
async function main() {
  const config = readConfig();
  const core = await createCore(config);
  const mqtt = await startMqtt({ core, host: config.host, port: config.mqttPort, url: config.mqttUrl, maxPayloadBytes: config.maxBodyBytes });
  const api = await buildApiServer({ core, config, logger: true, mqttBroker: mqtt.broker });
  await api.listen({ host: config.host, port: config.apiPort });
  const grpc = await startGrpcServer({ core, host: config.host, port: config.grpcPort });

  const base = `http://${config.host}:${config.apiPort}`;
  console.log(
    [
      'ModelWire API server',
      ...core.listModels().map((model) => `  model ${model.name.padEnd(12)} ${model.status === 'ready' ? `v${model.version}` : `not installed — run \`${model.installCommand}\``}`),
      `  REST     ${base}/v1/models   (OpenAPI ${base}/openapi.json, Swagger UI ${base}/docs)`,
      `  GraphQL  ${base}/graphql`,
      `  SOAP     ${base}/soap?wsdl`,
      `  WebSocket ws://${config.host}:${config.apiPort}/ws`,
      `  gRPC     ${config.host}:${grpc.port} (native HTTP/2), gRPC-Web and Connect on ${base}`,
      mqtt.broker
        ? `  MQTT     ${mqtt.brokerUrl} and ws://${config.host}:${config.apiPort}/mqtt (embedded aedes broker, MQTT 3.1.1)`
        : `  MQTT     external broker ${mqtt.brokerUrl} (MQTT 5, shared subscriptions $share/modelwire/...)`,
      `           topics modelwire/v1/models/{list | {name}/predict | {name}/train}, seed ml/input → ml/output`,
    ].join('\n'),
  );

  const shutdown = async (signal: string) => {
    console.log(`${signal}: shutting down`);
    await Promise.all([api.close(), grpc.close(), mqtt.close()]);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
