import { BENCH_REPORT_SCHEMA, type BenchProtocol, type BenchReport, type BenchRun, type BenchScenario } from '../../lib/bench/bench-report';

// A small, hand-made BenchReport for page rendering and the route: made-up numbers with known ratios, not a measurement.

const CONCURRENCIES = [1, 8, 32];
export const FIXTURE_PROTOCOLS: BenchProtocol[] = ['rest', 'grpc', 'websocket'];

/** A run at `concurrency` whose throughput is `rpsAtOne × concurrency` and whose latency grows with the load. */
function run(concurrency: number, rpsAtOne: number, p50AtOne: number): BenchRun {
  const p50 = p50AtOne * (1 + concurrency / 16);
  return {
    concurrency,
    calls: 200 * concurrency,
    errors: 0,
    durationMs: 2000,
    rps: rpsAtOne * concurrency,
    latencyMs: { p50, p95: p50 * 1.8, p99: p50 * 2.6, mean: p50 * 1.1, max: p50 * 4 },
    requestBytes: 120,
    responseBytes: 240,
  };
}

/** A run in which every call failed: the bench writes NaN for what it could not measure (JSON: null). */
function failedRun(concurrency: number): BenchRun {
  const none = Number.NaN;
  return { ...run(concurrency, 0, 0), errors: 200, rps: 0, latencyMs: { p50: none, p95: none, p99: none, mean: none, max: none }, firstError: 'UNAVAILABLE: No connection established' };
}

type Side = Pick<BenchScenario, 'target' | 'workload' | 'protocol' | 'endpoint'>;

function scenario(side: Side, runs: BenchRun[]): BenchScenario {
  const { target, workload, protocol, endpoint } = side;
  return {
    id: [target, endpoint === 'api' && workload === 'linear' ? 'linear-model' : workload, protocol].filter(Boolean).join('/'),
    ...side,
    library: target === 'in-process' ? 'onnxruntime-node' : `${protocol} library · fixture client`,
    model: endpoint === 'seed' ? (target === 'modelwire' ? 'default' : undefined) : workload === 'linear' ? 'bench' : workload,
    call: endpoint === 'seed' ? `${protocol} seed call: [[1, 2]] → [5]` : `${workload} prediction`,
    runs,
  };
}

const loads = (rps: number, p50: number) => CONCURRENCIES.map((concurrency) => run(concurrency, rps, p50));

/** ModelWire at `ourShare` of each floor's throughput (REST 0.8, gRPC 0.6, WebSocket 0.4) and 1/ourShare its p50. */
const OUR_SHARE: Record<string, number> = { rest: 0.8, grpc: 0.6, websocket: 0.4 };

export function sampleBenchReport(): BenchReport {
  const scenarios: BenchScenario[] = [];
  const ratios: BenchReport['ratios'] = [];
  const ratiosAt = (ratio: Omit<BenchReport['ratios'][number], 'concurrency'>) => CONCURRENCIES.forEach((concurrency) => ratios.push({ ...ratio, concurrency }));
  for (const protocol of FIXTURE_PROTOCOLS) {
    const share = OUR_SHARE[protocol]!;
    scenarios.push(scenario({ target: 'floor', workload: 'linear', protocol, endpoint: 'seed' }, loads(1000, 1)));
    scenarios.push(scenario({ target: 'modelwire', workload: 'linear', protocol, endpoint: 'seed' }, loads(1000 * share, 1 / share)));
    ratiosAt({ workload: 'linear', protocol, against: 'floor', rpsRatio: share, p50Ratio: 1 / share });
  }
  // ModelWire's own API on the trained linear model, against the model in-process: apart from the seed call and floors.
  scenarios.push(scenario({ target: 'in-process', workload: 'linear', endpoint: 'api' }, loads(5000, 0.2)));
  scenarios.push(scenario({ target: 'modelwire', workload: 'linear', protocol: 'rest', endpoint: 'api' }, loads(700, 1.4)));
  ratiosAt({ workload: 'linear', protocol: 'rest', against: 'in-process', rpsRatio: 0.14, p50Ratio: 7 });
  scenarios.push(scenario({ target: 'in-process', workload: 'sentiment', endpoint: 'api' }, loads(500, 2)));
  scenarios.push(scenario({ target: 'modelwire', workload: 'sentiment', protocol: 'rest', endpoint: 'api' }, loads(250, 4)));
  ratiosAt({ workload: 'sentiment', protocol: 'rest', against: 'in-process', rpsRatio: 0.5, p50Ratio: 2 });
  scenarios.push(scenario({ target: 'modelwire', workload: 'sentiment', protocol: 'grpc', endpoint: 'api' }, CONCURRENCIES.map(failedRun)));
  ratiosAt({ workload: 'sentiment', protocol: 'grpc', against: 'in-process', rpsRatio: 0, p50Ratio: Number.NaN });
  return {
    schema: BENCH_REPORT_SCHEMA,
    startedAt: '2025-01-02T03:04:05.000Z',
    durationMs: 93_000,
    machine: { node: 'v22.12.0', platform: 'linux', arch: 'x64', cpus: 8, cpuModel: 'Fixture CPU @ 3.0GHz', memoryGiB: 16 },
    settings: { sequentialCalls: 200, secondsPerLoad: 2, concurrencies: CONCURRENCIES, images: 0 },
    scenarios,
    ratios,
    notes: ['image: skipped, mobilenetv2 is not installed (npm run models:fetch)'],
    server: { build: 'tsx', command: 'tsx server/main.ts' },
    targets: [
      { name: 'REST c32 rps ≥ 0.5× floor', protocol: 'rest', actual: 0.8, goal: 0.5, comparison: '>=', pass: true },
      { name: 'WebSocket c32 rps ≥ 0.5× floor', protocol: 'websocket', actual: 0.4, goal: 0.5, comparison: '>=', pass: false },
      { name: "gRPC native c32 ≥ 2507 rps (the seed's grpcio figure)", protocol: 'grpc', actual: 19_200, goal: 2507, comparison: '>=', pass: true },
    ],
    seedExperiment: { calls: 200, rows: [{ protocol: 'rest', target: 'modelwire', seconds: 0.25 }, { protocol: 'rest', target: 'floor', seconds: 0.2 }] },
  };
}
