// The JSON `npm run bench -- --json FILE` writes and the /bench page charts. Bump `schema` on a breaking change.

export const BENCH_REPORT_SCHEMA = 'modelwire-bench/1';

/** Where `npm run bench` leaves its report and GET /v1/bench/latest reads it, relative to DATA_DIR. */
export const LATEST_BENCH_REPORT = 'bench/latest.json';

export type BenchProtocol = 'rest' | 'graphql' | 'soap' | 'grpc' | 'grpc-web' | 'websocket' | 'mqtt';

/** What answered: ModelWire, the protocol library's minimal server with no model, or the model run in-process. */
export type BenchTarget = 'modelwire' | 'floor' | 'in-process';

/** The seed's two-feature linear formula (the floors answer it inline), or one of the real models. */
export type BenchWorkload = 'linear' | 'sentiment' | 'image';

export interface LatencyPercentiles {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

/** One measured load: `concurrency` 1 is the sequential run. Times in milliseconds, bytes per call on the wire. */
export interface BenchRun {
  concurrency: number;
  calls: number;
  errors: number;
  durationMs: number;
  rps: number;
  latencyMs: LatencyPercentiles;
  requestBytes: number;
  responseBytes: number;
  /** Calls the server shed with the contract's `overloaded` (a rate or in-flight limit): not answered, not errors. */
  refused?: number;
  /** The first failure's message, when some calls failed. */
  firstError?: string;
}

export interface BenchScenario {
  /** e.g. "modelwire/linear/grpc", "floor/linear/grpc", "in-process/image". */
  id: string;
  target: BenchTarget;
  workload: BenchWorkload;
  /** Absent for in-process runs. */
  protocol?: BenchProtocol;
  /** The server library and the client that drove it, e.g. "fastify 5.6 · undici fetch". */
  library: string;
  /**
   * Which ModelWire API was called: `seed`, the seed deck's endpoints (/predict, MLModel/Predict, ml/input, ...), which
   * the floors serve too; `api`, ModelWire's own predict API, measured against the in-process model. A linear
   * scenario without it is a seed one (reports before this field had no `api` scenarios).
   */
  endpoint?: 'seed' | 'api';
  /** The model that answered: "default" for the seed calls, e.g. "bench", "sentiment", "mobilenetv2". */
  model?: string;
  /** What one call sends and gets back, in a line. */
  call?: string;
  runs: BenchRun[];
}

/** One of the targets, as this run measured it. Timing targets never fail the bench. */
export interface BenchTargetCheck {
  /** e.g. "REST c32 rps ≥ 0.5× floor". */
  name: string;
  protocol?: BenchProtocol;
  actual: number;
  /** The bound, with `comparison` saying which side passes. */
  goal: number;
  comparison: '>=' | '<=';
  pass: boolean;
}

/** The seed deck's slide 10: N sequential calls over REST and over gRPC, total seconds each. */
export interface SeedExperiment {
  calls: number;
  rows: { protocol: BenchProtocol; target: BenchTarget; seconds: number }[];
}

/** ModelWire against its floor (linear) or its in-process ceiling (models), at one concurrency. */
export interface BenchRatio {
  workload: BenchWorkload;
  protocol: BenchProtocol;
  concurrency: number;
  against: 'floor' | 'in-process';
  /** ours.rps / theirs.rps: 1 means as fast as the library or the raw model. */
  rpsRatio: number;
  /** ours.p50 / theirs.p50: 1 means the same latency, 1.5 means 50% slower. */
  p50Ratio: number;
}

export interface BenchReport {
  schema: typeof BENCH_REPORT_SCHEMA;
  startedAt: string;
  durationMs: number;
  machine: { node: string; platform: string; arch: string; cpus: number; cpuModel: string; memoryGiB: number };
  settings: { sequentialCalls: number; secondsPerLoad: number; concurrencies: number[]; images: number };
  scenarios: BenchScenario[];
  ratios: BenchRatio[];
  /** Free-form notes the run wants a reader to see, e.g. a scenario it skipped and why. */
  notes: string[];
  /** How ModelWire was started: the compiled build or the TypeScript sources through tsx. */
  server?: { build: 'tsx' | 'dist'; command: string };
  targets?: BenchTargetCheck[];
  seedExperiment?: SeedExperiment;
}

export function isBenchReport(value: unknown): value is BenchReport {
  if (typeof value !== 'object' || value === null) return false;
  const report = value as Partial<BenchReport>;
  return report.schema === BENCH_REPORT_SCHEMA && Array.isArray(report.scenarios) && Array.isArray(report.ratios);
}
