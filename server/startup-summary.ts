import type { ServerConfig } from './config';
import { dialableHost } from './protocols/shared/dialable-host';
import type { ModelWireServer } from './start-server';

function cacheSummary({ predictionCache: { redisUrl, maxBytes, ttlSeconds } }: ServerConfig): string {
  const ttl = ttlSeconds > 0 ? `, answers kept ${ttlSeconds} s` : '';
  if (redisUrl) return `Redis at ${redisUrl.replace(/\/\/[^@/]*@/, '//***@')} (shared by replicas${ttl})`;
  return maxBytes > 0 ? `in memory, up to ${(maxBytes / 1024 / 1024).toFixed(0)} MiB${ttl} (REDIS_URL to share it)` : 'off (CACHE_MAX_BYTES=0)';
}

/** What `npm run server` prints once every listener is up: each model's state and where each protocol answers. */
export function startupSummary(config: ServerConfig, { core, apiUrl, grpc, mqtt }: ModelWireServer): string {
  const wsBase = apiUrl.replace(/^http/, 'ws');
  return [
    'ModelWire API server',
    ...core
      .listModels()
      .map((model) => `  model ${model.name.padEnd(12)} ${model.status === 'ready' ? `v${model.version}` : `not installed — run \`${model.installCommand}\``}`),
    `  REST     ${apiUrl}/v1/models   (OpenAPI ${apiUrl}/openapi.json, Swagger UI ${apiUrl}/docs)`,
    `  GraphQL  ${apiUrl}/graphql`,
    `  SOAP     ${apiUrl}/soap?wsdl`,
    `  WebSocket ${wsBase}/ws`,
    `  gRPC     ${dialableHost(config.host)}:${grpc.port} (native HTTP/2), gRPC-Web and Connect on ${apiUrl}`,
    mqtt.broker
      ? `  MQTT     ${mqtt.brokerUrl} and ${wsBase}/mqtt (embedded aedes broker, MQTT 3.1.1)`
      : `  MQTT     external broker ${mqtt.brokerUrl} (MQTT 5, shared subscriptions $share/modelwire/...)`,
    `           topics modelwire/v1/models/{list | {name}/predict | {name}/train}, seed ml/input → ml/output`,
    `  cache    ${cacheSummary(config)}`,
    core.authMode === 'required'
      ? `  auth     required: POST ${apiUrl}/v1/auth/token for a bearer token (users: npm run user:add)`
      : `  auth     off${config.authExplicit ? ' (AUTH=off)' : ' (every listener is on loopback; AUTH=required to turn it on)'}`,
  ].join('\n');
}
