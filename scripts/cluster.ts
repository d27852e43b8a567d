// `npm run cluster -- --replicas 2`: N ModelWire replicas behind haproxy on loopback, sharing Debian's redis-server
// (prediction cache) and mosquitto (MQTT broker). Prints where to connect; Ctrl-C stops everything in order.
// Options: --replicas N (2), --port-base P (API front P, gRPC P+1, MQTT P+2, stats P+3; by default the single
// server's API_PORT, GRPC_PORT and MQTT_PORT, stats on 8404), --tsx (run server/main.ts instead of the compiled server).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../server/config';
import { buildServer, SERVER_OUTDIR, serverBuildIsStale } from './build-server';
import { portsFrom, startCluster, type ClusterPorts, type RunningCluster } from './cluster/cluster';

const root = path.resolve(import.meta.dirname, '..');
const DEFAULT_STATS_PORT = 8404;

function options() {
  const { values } = parseArgs({ options: { replicas: { type: 'string', default: '2' }, 'port-base': { type: 'string' }, tsx: { type: 'boolean', default: false } } });
  const replicas = Number(values.replicas);
  if (!Number.isInteger(replicas) || replicas < 1) throw new Error(`--replicas must be a whole number ≥ 1, got "${values.replicas}"`);
  const config = readConfig();
  const base = values['port-base'] === undefined ? undefined : Number(values['port-base']);
  if (base !== undefined && !(Number.isInteger(base) && base > 0 && base + 3 <= 65535)) throw new Error(`--port-base must be a port number, got "${values['port-base']}"`);
  const ports: ClusterPorts = base ? portsFrom(base) : { api: config.apiPort, grpc: config.grpcPort, mqtt: config.mqttPort, stats: DEFAULT_STATS_PORT };
  return { replicas, ports, build: values.tsx ? ('tsx' as const) : ('dist' as const), config };
}

const prefixed = (name: string, chunk: string) => process.stdout.write(chunk.replace(/^(?=.)/gm, `[${name}] `));

function summary({ front, redisUrl, replicas }: RunningCluster): string {
  return [
    `ModelWire cluster: ${replicas.length} replica${replicas.length > 1 ? 's' : ''} behind haproxy`,
    `  REST, GraphQL, SOAP, WebSocket, OIP, gRPC-Web  ${front.url}   (e.g. ${front.url}/v1/models)`,
    `  gRPC (native, HTTP/2)                          ${front.grpcAddress}`,
    `  MQTT (mosquitto, shared by the replicas)       ${front.mqttUrl}`,
    `  haproxy stats                                  ${front.statsUrl}/`,
    `  prediction cache (Redis)                       ${redisUrl}`,
    ...replicas.map((replica) => `  ${replica.name.padEnd(47)}${replica.url} · gRPC ${replica.grpcAddress} · pid ${replica.pid}`),
    'Ctrl-C stops everything.',
  ].join('\n');
}

async function main() {
  const { replicas, ports, build, config } = options();
  if (build === 'dist' && serverBuildIsStale(root)) {
    console.log(`Compiling the API server to ${SERVER_OUTDIR}/: it is missing or older than its sources…`);
    await buildServer(root);
  }
  console.log(`Starting Redis, mosquitto, ${replicas} replica(s) (${build === 'dist' ? 'compiled server' : 'tsx'}) and haproxy…`);
  const cluster = await startCluster({ replicas, root, build, ports, modelsDir: config.modelsDir, sentimentFrom: config.dataDir, onReplicaOutput: prefixed });
  console.log(summary(cluster));
  let stopping = false;
  // npm and tsx relay a terminal's SIGINT as SIGTERM too: every signal after the first is ignored, not fatal.
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: haproxy stops listening, the replicas finish their calls, then mosquitto and Redis stop…`);
    void cluster.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
