import type { ServerBuild } from '../server-bundle/server-runtime';
import { findBinary, missingPackage } from '../services/debian-binary';
import { startHaproxy, type RunningHaproxy } from '../services/haproxy';
import { startMosquitto, type RunningMosquitto } from '../services/mosquitto';
import { startRedis, type RunningRedis } from '../services/redis-server';
import { freePort } from '../support/free-port';
import { API_BACKEND, GRPC_BACKEND, haproxyConfig, type FrontPorts, type ReplicaAddress } from './haproxy-config';
import { waitForStatus } from './haproxy-stats';
import { startReplica, type Replica } from './replicas';

// N ModelWire replicas on loopback behind haproxy, sharing one Redis prediction cache and one mosquitto broker.

export interface ClusterPorts extends FrontPorts {
  /** mosquitto's: the MQTT entry point, for replicas and clients alike. */
  mqtt: number;
}

export interface ClusterOptions {
  replicas: number;
  root: string;
  build: ServerBuild;
  /** With build `dist`: the compiled server, from the root (default dist/server/main.js). */
  bundle?: string;
  modelsDir: string;
  /** The front's ports; free ones when omitted. */
  ports?: ClusterPorts;
  sentimentFrom?: string;
  /** Output of the replicas, by name. */
  onReplicaOutput?: (name: string, chunk: string) => void;
}

/** Where clients connect: the shape the protocol callers take (RunningApi's url, grpcAddress, mqttUrl). */
export interface ClusterFront {
  url: string;
  grpcAddress: string;
  mqttUrl: string;
  statsUrl: string;
}

export interface RunningCluster {
  front: ClusterFront;
  redisUrl: string;
  /** The replicas as they run now (restartReplica replaces one). */
  replicas: Replica[];
  /** Starts replica `index` again on its ports (after a stop or a crash) and waits until haproxy sends it calls. */
  restartReplica(index: number): Promise<Replica>;
  /** haproxy stops listening, the replicas finish what they have, then the broker and Redis go. */
  stop(): Promise<void>;
}

const PACKAGES = [
  ['haproxy', 'haproxy'],
  ['redis-server', 'redis-server'],
  ['mosquitto', 'mosquitto'],
] as const;

/** One line per Debian package the cluster needs and this machine lacks, each with its apt command. */
export const missingClusterPackages = (): string[] =>
  PACKAGES.filter(([binary]) => !findBinary(binary)).map(([binary, aptPackage]) => missingPackage(binary, aptPackage));

async function freeClusterPorts(): Promise<ClusterPorts> {
  return { api: await freePort(), grpc: await freePort(), mqtt: await freePort(), stats: await freePort() };
}

/** The front's ports from a base: API, gRPC, MQTT and stats on four consecutive ports. */
export const portsFrom = (base: number): ClusterPorts => ({ api: base, grpc: base + 1, mqtt: base + 2, stats: base + 3 });

export async function startCluster(options: ClusterOptions): Promise<RunningCluster> {
  const missing = missingClusterPackages();
  if (missing.length > 0) throw new Error(`The cluster needs Debian packages this machine lacks:\n  ${missing.join('\n  ')}`);
  const ports = options.ports ?? (await freeClusterPorts());
  const addresses: ReplicaAddress[] = [];
  for (let i = 1; i <= options.replicas; i++) addresses.push({ name: `replica${i}`, apiPort: await freePort(), grpcPort: await freePort() });

  const started: Array<RunningRedis | RunningMosquitto | RunningHaproxy> = [];
  const replicas: Replica[] = [];
  const stopAll = async () => {
    await Promise.allSettled(replicas.map((replica) => replica.stop()));
    await Promise.allSettled(started.map((service) => service.stop()));
  };
  try {
    const [redis, mosquitto] = await Promise.all([startRedis(await freePort()), startMosquitto(ports.mqtt)]);
    started.push(redis, mosquitto);
    const shared = { REDIS_URL: redis.url, MQTT_URL: mosquitto.url, MODELS_DIR: options.modelsDir };
    const launch = (address: ReplicaAddress) =>
      startReplica({ ...address, root: options.root, build: options.build, bundle: options.bundle, env: shared, sentimentFrom: options.sentimentFrom, onOutput: (chunk) => options.onReplicaOutput?.(address.name, chunk) });
    // One after the other: on a small machine, replicas loading their models at once mostly wait for each other.
    for (const address of addresses) replicas.push(await launch(address));
    const haproxy = await startHaproxy(haproxyConfig(ports, addresses), [ports.api, ports.grpc, ports.stats]);
    started.push(haproxy);
    const statsUrl = `http://127.0.0.1:${ports.stats}`;
    const waitForReplicas = (status: 'UP' | 'DOWN', names = addresses.map(({ name }) => name)) =>
      waitForStatus(statsUrl, names.flatMap((name) => [`${API_BACKEND}/${name}`, `${GRPC_BACKEND}/${name}`]), status);
    await waitForReplicas('UP');

    let stopping: Promise<void> | undefined;
    return {
      front: { url: `http://127.0.0.1:${ports.api}`, grpcAddress: `127.0.0.1:${ports.grpc}`, mqttUrl: mosquitto.url, statsUrl },
      redisUrl: redis.url,
      replicas,
      async restartReplica(index) {
        await replicas[index]!.stop();
        replicas[index] = await launch(addresses[index]!);
        await waitForReplicas('UP', [addresses[index]!.name]);
        return replicas[index]!;
      },
      stop: () =>
        (stopping ??= (async () => {
          // Listeners close first, so no new call reaches a replica that is stopping; the answers of the calls in flight
          // still travel back through haproxy until the replicas have sent them.
          const proxyDone = haproxy.softStop(15_000);
          await Promise.allSettled(replicas.map((replica) => replica.stop()));
          await proxyDone;
          // Last: a draining replica still publishes MQTT replies and writes answers to the cache.
          await Promise.allSettled([mosquitto.stop(), redis.stop()]);
        })()),
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
