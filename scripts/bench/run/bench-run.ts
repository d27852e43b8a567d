import type { BenchScenario } from '../../../lib/bench/bench-report';
import type { SpawnedApiServer } from '../../support/spawn-api-server';
import { UNLIMITED_WEBSOCKET } from '../../support/unlimited-websocket';
import { spawnFloor } from '../floors/spawn-floor';
import { LANES, type Lane, type LaneEndpoint } from '../lanes';
import type { BenchOptions } from '../options';
import { withVersion } from '../package-version';
import { imagesMissing, imageWorkload, linearWorkload, sentimentWorkload, type ModelWorkload } from '../workloads';
import { loadInProcessModels } from './in-process-models';
import { cpuPlacement } from './cpu-placement';
import type { LoadPlan } from './load-runner';
import { createProgress, type Progress } from './progress';
import { runScenario, runScenariosTogether, type ScenarioSpec } from './scenario';
import { ceilingScenario, modelScenario, seedScenario } from './scenarios';
import { startModelWire } from './start-modelwire';
import { trainLinearModels } from './train-models';

/** Measures scenarios in turns; `serverPids` are the servers they call, placed on CPUs for sequential loads. */
type MeasureTogether = (specs: ScenarioSpec[], serverPids: number[]) => Promise<BenchScenario[]>;

/** The bench repeats the same inputs: with the prediction cache on it would measure cache lookups, not the model. */
const NO_PREDICTION_CACHE = { CACHE_MAX_BYTES: '0' };

export interface BenchRunResult {
  scenarios: BenchScenario[];
  notes: string[];
  server: { build: SpawnedApiServer['build']; command: string };
  /** Photos the image part used: 0 when it was skipped. */
  images: number;
}

const LOOPBACK = '127.0.0.1';

/** Each protocol's listener in the spawned ModelWire. */
function modelwireEndpoint(server: SpawnedApiServer, lane: Lane): LaneEndpoint {
  const port = lane.protocol === 'grpc' ? server.grpcPort : lane.protocol === 'mqtt' ? server.mqttPort : server.apiPort;
  return { host: LOOPBACK, port };
}

const MODELWIRE_SERVERS: Record<Lane['protocol'], string> = {
  rest: `ModelWire (${withVersion('fastify')})`,
  graphql: `ModelWire (${withVersion('graphql-yoga')} in fastify)`,
  soap: `ModelWire (${withVersion('soap')} serverless in fastify)`,
  grpc: `ModelWire (${withVersion('@grpc/grpc-js')} serving connect-es services, native h2c)`,
  websocket: `ModelWire (${withVersion('ws')} via @fastify/websocket)`,
  mqtt: `ModelWire (embedded ${withVersion('aedes')}, service subscribed in-process)`,
};

function countSteps(options: BenchOptions, workloads: number): number {
  const seedLoads = 1 + options.concurrencies.length;
  return workloads * 2 + options.protocols.length * (seedLoads + workloads * 2);
}

async function prepareWorkloads(options: BenchOptions, notes: string[]): Promise<ModelWorkload[]> {
  const workloads = [sentimentWorkload(options.sequentialCalls), linearWorkload(options.sequentialCalls)];
  const missing = options.images === 0 ? '--images 0' : imagesMissing(options);
  if (missing) notes.push(`Image part skipped: ${missing}.`);
  else workloads.push(await imageWorkload(options, options.images));
  return workloads;
}

/**
 * Starts the protocol's floor in its own process and measures ModelWire's seed scenario and the floor's together, in
 * turns (see runScenariosTogether); ModelWire alone when the floor does not start.
 */
async function measureAgainstFloor(
  lane: Lane,
  modelwire: ScenarioSpec,
  modelwirePid: number,
  measure: MeasureTogether,
  options: BenchOptions,
  notes: string[],
): Promise<BenchScenario[]> {
  const floor = await spawnFloor(lane.protocol, { onnx: options.floorsRunOnnx }).catch((error: unknown) => {
    notes.push(`The ${lane.protocol} floor did not start, so it has no ratios: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  });
  if (!floor) return measure([modelwire], [modelwirePid]);
  try {
    return await measure([modelwire, seedScenario(lane, { host: LOOPBACK, port: floor.port }, 'floor', floor.library, options)], [modelwirePid, floor.pid]);
  } finally {
    await floor.stop();
  }
}

/**
 * Sequential loads against the floors run with the bench's client on one CPU and the servers on the others (see
 * cpu-placement.ts); concurrent loads run wherever the scheduler puts them. Says in the notes which it was.
 */
async function sequentialPlacement(notes: string[], progress: Progress) {
  const placement = await cpuPlacement();
  if ('unavailable' in placement) {
    notes.push(`Sequential loads ran wherever the scheduler put the client and the servers: ${placement.unavailable}.`);
    return async () => undefined;
  }
  notes.push(
    `Sequential loads against the floors ran with the bench's client on CPU ${placement.client.join(',')} and the servers on CPU ${placement.servers.join(',')} (taskset), as a client on another machine would be: one call at a time, whether a client and its server share a CPU decided the round trip more than the server (see scripts/bench/run/cpu-placement.ts). Concurrent loads ran unpinned.`,
  );
  let failed = false;
  return async (load: LoadPlan, serverPids: number[]) => {
    if (load.concurrency !== 1 || failed) return undefined;
    try {
      return await placement.separate(serverPids);
    } catch (error) {
      failed = true;
      const message = `Sequential loads from here on ran unpinned: taskset failed (${error instanceof Error ? error.message.split('\n')[0] : String(error)}).`;
      progress.note(message);
      notes.push(message);
      return undefined;
    }
  };
}

/** Starts ModelWire, runs the in-process ceilings, then every protocol against its floor and with the real models. */
export async function runBench(options: BenchOptions): Promise<BenchRunResult> {
  const notes: string[] = [];
  const workloads = await prepareWorkloads(options, notes);
  const modelsDir = workloads.some((workload) => workload.key === 'image') ? options.modelsDir : undefined;
  // The per-connection WebSocket rate limit (50 messages/s by default) is a policy, not the protocol's cost: lifted here.
  const env = { ...(modelsDir ? { MODELS_DIR: modelsDir } : {}), ...UNLIMITED_WEBSOCKET, ...NO_PREDICTION_CACHE };
  notes.push('ModelWire ran with CACHE_MAX_BYTES=0: the bench repeats its inputs, and every answer is to come from the model, as the floors compute theirs.');
  notes.push(`ModelWire ran with ${Object.entries(UNLIMITED_WEBSOCKET).map(([key, value]) => `${key}=${value}`).join(' ')}: its default per-connection WebSocket limits (50 messages/s, 8 in flight) would measure the policy, not the protocol.`);
  const server = await startModelWire({ build: options.server, env, sentimentFrom: options.dataDir }, notes);
  const progress: Progress = createProgress(countSteps(options, workloads.length));
  const measure = (spec: ScenarioSpec) => runScenario(spec, options.warmupSeconds, progress, notes);
  const placeSequential = await sequentialPlacement(notes, progress);
  const measureTogether: MeasureTogether = (specs, serverPids) =>
    runScenariosTogether(specs, { warmupSeconds: options.warmupSeconds, slices: options.slicesPerLoad, placeLoad: (load) => placeSequential(load, serverPids) }, progress, notes);
  if (options.floorsRunOnnx) {
    notes.push(
      "--floors-onnx: every floor answered with the seed's linear graph (ModelWire's ONNX export of 0.5·feature1 + 0.3·feature2 + 0.2) through onnxruntime-node, one run per call on its event loop, not with the formula inline. The ratios to the floors show what ModelWire's own code costs on top of the protocol and the model runtime; the issue's targets are against the inline floors, so none is checked.",
    );
  }
  notes.push(
    `ModelWire and each floor were measured in turns: every load cut into ${options.slicesPerLoad} slices, ModelWire's and the floor's share of each slice run one after the other (A B, B A, ...), so that the machine's drift during a run weighs on both alike.`,
  );
  const scenarios: { seed: BenchScenario[]; api: BenchScenario[]; ceilings: BenchScenario[] } = { seed: [], api: [], ceilings: [] };
  try {
    await trainLinearModels({ host: LOOPBACK, port: server.apiPort });
    const inProcess = await loadInProcessModels(server.dataDir, modelsDir);
    for (const workload of workloads) {
      const predict = inProcess[workload.key];
      if (predict) scenarios.ceilings.push(await measure(ceilingScenario(workload, predict, options)));
    }
    const lanes = LANES.filter((lane) => options.protocols.includes(lane.protocol));
    for (const lane of lanes) {
      const modelwire = seedScenario(lane, modelwireEndpoint(server, lane), 'modelwire', MODELWIRE_SERVERS[lane.protocol], options);
      scenarios.seed.push(...(await measureAgainstFloor(lane, modelwire, server.pid, measureTogether, options, notes)));
    }
    for (const lane of lanes) {
      for (const workload of workloads) scenarios.api.push(await measure(modelScenario(lane, modelwireEndpoint(server, lane), workload, MODELWIRE_SERVERS[lane.protocol], options)));
    }
  } finally {
    progress.finish();
    await server.stop();
  }
  const images = workloads.find((workload) => workload.key === 'image')?.inputs.length ?? 0;
  return { scenarios: [...scenarios.seed, ...scenarios.api, ...scenarios.ceilings], notes, server: { build: server.build, command: server.command }, images };
}
