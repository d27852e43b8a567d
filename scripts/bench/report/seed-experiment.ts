import type { BenchScenario, SeedExperiment } from '../../../lib/bench/bench-report';

/**
 * The seed deck's slide 10 (1000 sequential REST calls against 1000 gRPC calls, total seconds) read from the
 * sequential runs on the seed endpoints, ModelWire's and the floors'.
 */
export function seedExperimentOf(scenarios: BenchScenario[], calls: number): SeedExperiment | undefined {
  const rows = scenarios.flatMap((scenario) => {
    const sequential = scenario.runs.find((run) => run.concurrency === 1);
    const seedLane = scenario.endpoint === 'seed' && (scenario.protocol === 'rest' || scenario.protocol === 'grpc');
    return seedLane && sequential && scenario.protocol ? [{ protocol: scenario.protocol, target: scenario.target, seconds: sequential.durationMs / 1000 }] : [];
  });
  return rows.length > 0 ? { calls, rows } : undefined;
}
