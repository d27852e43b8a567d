import type { Lane, LaneClient, LaneEndpoint } from '../lanes/lane';
import { SEED_FEATURES, sameNumber, seedFormula } from '../seed-formula';
import { rotatingCall, type ModelWorkload } from '../workloads';
import { IN_PROCESS_LIBRARY, type InProcessPredict } from './in-process-models';
import type { LoadPlan } from './load-runner';
import type { ScenarioSpec } from './scenario';
import { measureWireBytes } from './wire-bytes';

/** How much each scenario measures; the same for ModelWire, the floors and the in-process models. */
export interface LoadSettings {
  sequentialCalls: number;
  secondsPerLoad: number;
  /** The concurrent loads against the floors, e.g. 8, 32, 64. */
  concurrencies: number[];
  /** The concurrent load for the models (the "8 in flight"). */
  modelConcurrency: number;
  /** A model's sequential run stops here even with inputs left, so slow photos on a busy machine cannot stretch the run. */
  maxSequentialSeconds: number;
  /** Sequential seed calls averaged for bytes per call (the models average over their own inputs). */
  byteSampleCalls: number;
}

const timedLoads = (concurrencies: number[], seconds: number): LoadPlan[] => concurrencies.map((concurrency) => ({ concurrency, seconds }));

const [SEED_FEATURE1, SEED_FEATURE2] = SEED_FEATURES;
const SEED_ANSWER = seedFormula(SEED_FEATURE1, SEED_FEATURE2);

function seedCall(client: LaneClient) {
  return async () => {
    const prediction = await client.seed(SEED_FEATURE1, SEED_FEATURE2);
    if (!sameNumber(prediction, SEED_ANSWER)) throw new Error(`the seed call answered ${prediction}, not ${SEED_ANSWER}`);
  };
}

function laneScenario(lane: Lane, endpoint: LaneEndpoint, makeCall: (client: LaneClient) => () => Promise<unknown>, byteSampleCalls: number) {
  return {
    protocol: lane.protocol,
    async open(maxInFlight: number) {
      const client = await lane.connect(endpoint, maxInFlight);
      return { call: makeCall(client), close: () => client.close() };
    },
    wireBytes: () => measureWireBytes(lane, endpoint, makeCall, byteSampleCalls),
  };
}

/** The seed's two-feature call on ModelWire's seed endpoint or on a floor: the same client and the same bytes. */
export function seedScenario(lane: Lane, endpoint: LaneEndpoint, target: 'modelwire' | 'floor', server: string, settings: LoadSettings): ScenarioSpec {
  return {
    id: `${target}/linear/${lane.protocol}`,
    target,
    workload: 'linear',
    library: `${server} · ${lane.client}`,
    endpoint: 'seed',
    model: target === 'modelwire' ? 'default' : undefined,
    call: lane.seedCall,
    loads: [{ concurrency: 1, calls: settings.sequentialCalls }, ...timedLoads(settings.concurrencies, settings.secondsPerLoad)],
    ...laneScenario(lane, endpoint, seedCall, settings.byteSampleCalls),
  };
}

const modelLoads = (workload: ModelWorkload, settings: LoadSettings): LoadPlan[] => [
  { concurrency: 1, calls: workload.sequentialCalls, seconds: settings.maxSequentialSeconds },
  { concurrency: settings.modelConcurrency, seconds: settings.secondsPerLoad },
];

/** A real model through ModelWire's own predict API on one protocol. */
export function modelScenario(lane: Lane, endpoint: LaneEndpoint, workload: ModelWorkload, server: string, settings: LoadSettings): ScenarioSpec {
  return {
    id: `modelwire/${workload.key}/${lane.protocol}`,
    target: 'modelwire',
    workload: workload.workload,
    library: `${server} · ${lane.client}`,
    endpoint: 'api',
    model: workload.model,
    call: lane.predictCall,
    loads: modelLoads(workload, settings),
    ...laneScenario(lane, endpoint, (client) => rotatingCall(workload, (input) => client.predict(workload.model, input)), workload.byteSampleCalls),
  };
}

/** The same model and inputs run in the bench process: each protocol's ceiling. */
export function ceilingScenario(workload: ModelWorkload, predict: InProcessPredict, settings: LoadSettings): ScenarioSpec {
  return {
    id: `in-process/${workload.key}`,
    target: 'in-process',
    workload: workload.workload,
    library: IN_PROCESS_LIBRARY,
    endpoint: 'api',
    model: workload.model,
    call: 'in the bench process: featurize (text, rows) or decode (photos), then one onnxruntime run',
    loads: modelLoads(workload, settings),
    open: async () => ({ call: rotatingCall(workload, predict), close: async () => undefined }),
  };
}
