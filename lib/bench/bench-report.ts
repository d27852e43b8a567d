// The JSON `npm run bench -- --json FILE` writes and the /bench page charts. Bump `schema` on a breaking change.

export const BENCH_REPORT_SCHEMA = 'modelwire-bench/1';

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
  runs: BenchRun[];
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
}

export function isBenchReport(value: unknown): value is BenchReport {
  if (typeof value !== 'object' || value === null) return false;
  const report = value as Partial<BenchReport>;
  return report.schema === BENCH_REPORT_SCHEMA && Array.isArray(report.scenarios) && Array.isArray(report.ratios);
}
