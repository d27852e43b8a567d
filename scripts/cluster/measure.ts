// `npm run cluster:bench`: requests per second through haproxy with 1 replica, then with 2, on this machine.
// Each run starts a fresh cluster of compiled replicas (as `npm run cluster` does), warms it up, then runs a closed
// loop of sentiment predictions, every one with a text never sent before (so each one runs the model: the shared
// cache would otherwise answer), over REST and over native gRPC in turn.
// Options: --seconds S (10 per load), --concurrency C (16), --replicas "1,2", --server-outdir D (where the compiled
// server is, built there when stale; dist/server by default).
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../../server/config';
import { grpcLane } from '../bench/lanes/grpc-lane';
import type { Lane } from '../bench/lanes/lane';
import { restLane } from '../bench/lanes/rest-lane';
import { runLoad, type LoadOutcome } from '../bench/run/load-runner';
import { buildServer, SERVER_OUTDIR, serverBuildIsStale } from '../build-server';
import { startCluster, type ClusterFront } from './cluster';

const root = path.resolve(import.meta.dirname, '../..');
const WARM_UP_SECONDS = 3;

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, concurrency: { type: 'string', default: '16' }, replicas: { type: 'string', default: '1,2' }, 'server-outdir': { type: 'string', default: SERVER_OUTDIR } } });
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const replicaCounts = values.replicas.split(',').map(Number);

const endpointOf = (lane: Lane, front: ClusterFront) => {
  const [host, port] = (lane === grpcLane ? front.grpcAddress : new URL(front.url).host).split(':');
  return { host: host!, port: Number(port) };
};

async function measure(lane: Lane, front: ClusterFront): Promise<LoadOutcome> {
  const client = await lane.connect(endpointOf(lane, front), concurrency);
  const call = () => client.predict('sentiment', { kind: 'text', text: `a fine review of bench run ${randomUUID()}` });
  try {
    await runLoad(call, { concurrency, seconds: WARM_UP_SECONDS });
    return await runLoad(call, { concurrency, seconds });
  } finally {
    await client.close();
  }
}

const row = (replicas: number, protocol: string, outcome: LoadOutcome) =>
  `${String(replicas).padStart(8)}  ${protocol.padEnd(8)} ${outcome.rps.toFixed(0).padStart(7)}  ${outcome.latencyMs.p50.toFixed(1).padStart(7)}  ${outcome.latencyMs.p95.toFixed(1).padStart(7)}  ${String(outcome.errors).padStart(6)}`;

async function main() {
  const outdir = path.resolve(root, values['server-outdir']);
  if (serverBuildIsStale(root, outdir)) await buildServer(root, outdir);
  const config = readConfig();
  console.log(`cluster:bench on ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), ${concurrency} calls in flight, ${seconds} s per load after ${WARM_UP_SECONDS} s of warm-up`);
  console.log('replicas  protocol     rps  p50 ms   p95 ms  errors');
  for (const replicas of replicaCounts) {
    const cluster = await startCluster({ replicas, root, build: 'dist', bundle: path.join(outdir, 'main.js'), modelsDir: config.modelsDir, sentimentFrom: config.dataDir });
    try {
      for (const lane of [restLane, grpcLane]) console.log(row(replicas, lane.protocol, await measure(lane, cluster.front)));
    } finally {
      await cluster.stop();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
