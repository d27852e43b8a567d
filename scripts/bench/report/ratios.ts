import type { BenchRatio, BenchScenario } from '../../../lib/bench/bench-report';

const ratio = (ours: number, theirs: number) => (theirs > 0 && Number.isFinite(ours) && Number.isFinite(theirs) ? ours / theirs : NaN);

function ratiosBetween(ours: BenchScenario, theirs: BenchScenario, against: BenchRatio['against']): BenchRatio[] {
  return ours.runs.flatMap((run) => {
    const other = theirs.runs.find((candidate) => candidate.concurrency === run.concurrency);
    if (!other || !ours.protocol) return [];
    return [{ workload: ours.workload, protocol: ours.protocol, concurrency: run.concurrency, against, rpsRatio: ratio(run.rps, other.rps), p50Ratio: ratio(run.latencyMs.p50, other.latencyMs.p50) }];
  });
}

/** ModelWire's seed scenarios against the floor of the same protocol; its model scenarios against the in-process model. */
export function computeRatios(scenarios: BenchScenario[]): BenchRatio[] {
  const find = (target: BenchScenario['target'], of: BenchScenario, protocol?: string) =>
    scenarios.find((candidate) => candidate.target === target && candidate.workload === of.workload && candidate.endpoint === of.endpoint && candidate.protocol === protocol);
  return scenarios
    .filter((scenario) => scenario.target === 'modelwire')
    .flatMap((ours) => {
      if (ours.endpoint === 'seed') {
        const floor = find('floor', ours, ours.protocol);
        return floor ? ratiosBetween(ours, floor, 'floor') : [];
      }
      const ceiling = find('in-process', ours);
      return ceiling ? ratiosBetween(ours, ceiling, 'in-process') : [];
    });
}
