// The haproxy.cfg in front of the replicas: one HTTP front (REST, GraphQL, SOAP, OIP, gRPC-Web/Connect and WebSocket
// upgrades) and one HTTP/2 cleartext front for native gRPC, both balancing per request over every replica that
// answers its readiness check, plus a stats page. MQTT needs no proxy: the replicas and the clients share one broker.

export interface ReplicaAddress {
  /** The server's name in haproxy (its logs, the stats page). */
  name: string;
  apiPort: number;
  grpcPort: number;
}

export interface FrontPorts {
  /** HTTP/1.1 front: every protocol of the API port. */
  api: number;
  /** HTTP/2 cleartext front: native gRPC. */
  grpc: number;
  /** haproxy's stats page (HTML at /, CSV at /;csv). */
  stats: number;
}

export const API_BACKEND = 'replicas_api';
export const GRPC_BACKEND = 'replicas_grpc';
export const READINESS_PATH = '/v2/health/ready';

/** POST bodies up to this size are kept so that a request a stopping replica did not answer can go to another one. */
const REPLAYABLE_BODY_BYTES = 256 * 1024;
/** How long haproxy waits for a POST body before it forwards the request anyway (and then can no longer replay it). */
const BODY_WAIT = '2s';
// gRPC calls whose request is a stream never end their body: buffering would hold them until BODY_WAIT.
const CLIENT_STREAMING_METHODS = ['/StreamSentiment', '/ServerReflectionInfo'];

const global = () => [
  'global',
  // Replicas going UP and DOWN, once (without -q haproxy would print its own warnings as well).
  '  log stderr format raw local0 notice',
  '  maxconn 4096',
  `  tune.bufsize ${REPLAYABLE_BODY_BYTES + 16 * 1024}`,
  // A soft stop (SIGUSR1) lets calls in flight finish; WebSocket tunnels and streams are cut after this.
  '  hard-stop-after 15s',
];

const defaults = () => [
  'defaults',
  '  mode http',
  '  log global',
  '  option dontlognull',
  '  timeout connect 2s',
  '  timeout client 60s',
  '  timeout server 60s',
  '  timeout http-request 10s',
  '  timeout http-keep-alive 10s',
  // WebSockets and gRPC streams, once established.
  '  timeout tunnel 1h',
  '  timeout check 2s',
  // A replica that is stopping closes its listener, answers 503 or ends idle connections unanswered: the request goes
  // to another replica (every retry, not only the last). Predictions are idempotent, so a replay is harmless.
  '  retries 3',
  '  option redispatch 1',
  '  retry-on conn-failure empty-response response-timeout 503',
];

const CHECK = 'check inter 500ms rise 2 fall 2';

/** Round-robin per request over the replicas that answer their readiness check with 200. */
const readyReplicas = (name: string, servers: string[]) => [
  `backend ${name}`,
  '  balance roundrobin',
  `  option httpchk GET ${READINESS_PATH}`,
  '  http-check expect status 200',
  ...servers.map((server) => `  server ${server}`),
];

const apiFront = (port: number, replicas: readonly ReplicaAddress[]) => [
  'frontend api',
  `  bind 127.0.0.1:${port}`,
  `  http-request wait-for-body time ${BODY_WAIT} if METH_POST`,
  `  default_backend ${API_BACKEND}`,
  '',
  ...readyReplicas(API_BACKEND, replicas.map(({ name, apiPort }) => `${name} 127.0.0.1:${apiPort} ${CHECK}`)),
];

const grpcFront = (port: number, replicas: readonly ReplicaAddress[]) => [
  'frontend grpc',
  `  bind 127.0.0.1:${port} proto h2`,
  `  acl client_streaming path_end ${CLIENT_STREAMING_METHODS.join(' ')}`,
  `  http-request wait-for-body time ${BODY_WAIT} unless client_streaming`,
  `  default_backend ${GRPC_BACKEND}`,
  '',
  // The gRPC port speaks HTTP/2 only: readiness is asked on the replica's API port, in HTTP/1.1.
  ...readyReplicas(GRPC_BACKEND, replicas.map(({ name, grpcPort, apiPort }) => `${name} 127.0.0.1:${grpcPort} proto h2 ${CHECK} port ${apiPort} check-proto h1`)),
];

const statsPage = (port: number) => ['listen stats', `  bind 127.0.0.1:${port}`, '  stats enable', '  stats uri /', '  stats refresh 2s'];

/** The whole haproxy.cfg for these fronts and replicas, all on loopback. */
export function haproxyConfig(ports: FrontPorts, replicas: readonly ReplicaAddress[]): string {
  return [global(), defaults(), apiFront(ports.api, replicas), grpcFront(ports.grpc, replicas), statsPage(ports.stats)]
    .map((section) => section.join('\n'))
    .join('\n\n')
    .concat('\n');
}
