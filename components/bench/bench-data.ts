import type { BenchProtocol, BenchRatio, BenchReport, BenchRun, BenchScenario, BenchWorkload } from '../../lib/bench/bench-report';
import { TARGETS } from '../../lib/bench/bench-targets';
import { BENCH_PROTOCOL_ORDER, workloadTitle } from '../../lib/bench/bench-titles';

// What the /bench page draws, picked out of a report: no numbers are computed here that the bench did not measure.

/** Issue 10's targets for ModelWire against each protocol library's floor, drawn as lines on the charts. */
export const FLOOR_TARGETS = {
  minRpsRatio: TARGETS.floorRpsRatioAtC32,
  rpsConcurrency: 32,
  maxSequentialP50Ratio: TARGETS.sequentialP50RatioMax,
} as const;

/**
 * The seed deck's linear call, which the floors serve too. A linear scenario without `endpoint` is one (reports from
 * before the field); ModelWire's own predict API (`api`) is measured against the in-process model instead.
 */
const isSeedCall = (scenario: BenchScenario) => scenario.workload === 'linear' && scenario.target !== 'in-process' && scenario.endpoint !== 'api';

/** A measured number, or undefined where the bench had none (it writes NaN, which JSON turns into null). */
export const measured = (value: number | undefined) => (value !== undefined && Number.isFinite(value) ? value : undefined);

export interface ComparedLoad {
  concurrency: number;
  ours?: BenchRun;
  theirs?: BenchRun;
  ratio?: BenchRatio;
}

/** ModelWire and what it is measured against (a floor or the in-process model) for one protocol, load by load. */
export interface ProtocolComparison {
  protocol: BenchProtocol;
  ours?: BenchScenario;
  theirs?: BenchScenario;
  loads: ComparedLoad[];
}

const rank = (protocol: string | undefined) => {
  const index = BENCH_PROTOCOL_ORDER.indexOf(protocol as BenchProtocol);
  return index === -1 ? BENCH_PROTOCOL_ORDER.length : index;
};
const unique = <T>(values: T[]) => [...new Set(values)];
const runAt = (scenario: BenchScenario | undefined, concurrency: number) => scenario?.runs.find((run) => run.concurrency === concurrency);
const protocolsOf = (scenarios: BenchScenario[]) =>
  unique(scenarios.flatMap((scenario) => (scenario.protocol ? [scenario.protocol] : []))).sort((a, b) => rank(a) - rank(b));

function compare(report: BenchReport, ours: BenchScenario | undefined, theirs: BenchScenario | undefined, protocol: BenchProtocol, against: BenchRatio['against']): ProtocolComparison {
  const workload = (ours ?? theirs)?.workload;
  const concurrencies = unique([...(ours?.runs ?? []), ...(theirs?.runs ?? [])].map((run) => run.concurrency)).sort((a, b) => a - b);
  const loads = concurrencies.map((concurrency) => ({
    concurrency,
    ours: runAt(ours, concurrency),
    theirs: runAt(theirs, concurrency),
    ratio: report.ratios.find((ratio) => ratio.workload === workload && ratio.protocol === protocol && ratio.against === against && ratio.concurrency === concurrency),
  }));
  return { protocol, ours, theirs, loads };
}

/** ModelWire against each protocol library's minimal server on the seed call, for every protocol either side measured. */
export function floorComparisons(report: BenchReport): ProtocolComparison[] {
  const seed = report.scenarios.filter(isSeedCall);
  const find = (target: BenchScenario['target'], protocol: BenchProtocol) => seed.find((scenario) => scenario.target === target && scenario.protocol === protocol);
  return protocolsOf(seed).map((protocol) => compare(report, find('modelwire', protocol), find('floor', protocol), protocol, 'floor'));
}

export interface TargetCheck {
  protocol: BenchProtocol;
  rpsRatio?: number;
  sequentialP50Ratio?: number;
}

/** Each protocol's two numbers the floor targets apply to; undefined where the report has no such measurement. */
export function targetChecks(comparisons: ProtocolComparison[]): TargetCheck[] {
  const ratioAt = ({ loads }: ProtocolComparison, concurrency: number) => loads.find((load) => load.concurrency === concurrency)?.ratio;
  return comparisons.map((comparison) => ({
    protocol: comparison.protocol,
    rpsRatio: measured(ratioAt(comparison, FLOOR_TARGETS.rpsConcurrency)?.rpsRatio),
    sequentialP50Ratio: measured(ratioAt(comparison, 1)?.p50Ratio),
  }));
}

export const meetsRpsTarget = (ratio: number) => ratio >= FLOOR_TARGETS.minRpsRatio;
export const meetsP50Target = (ratio: number) => ratio <= FLOOR_TARGETS.maxSequentialP50Ratio;

/** A real model served by ModelWire's API on each protocol, against the same model run in-process (the ceiling). */
export interface CeilingComparison {
  workload: BenchWorkload;
  ceiling?: BenchScenario;
  protocols: ProtocolComparison[];
}

export function ceilingComparisons(report: BenchReport): CeilingComparison[] {
  const modelCalls = report.scenarios.filter((scenario) => !isSeedCall(scenario));
  return unique(modelCalls.map((scenario) => scenario.workload)).map((workload) => {
    const scenarios = modelCalls.filter((scenario) => scenario.workload === workload);
    const ceiling = scenarios.find((scenario) => scenario.target === 'in-process');
    const served = scenarios.filter((scenario) => scenario.target === 'modelwire');
    const protocols = protocolsOf(served).map((protocol) => compare(report, served.find((scenario) => scenario.protocol === protocol), ceiling, protocol, 'in-process'));
    return { workload, ceiling, protocols };
  });
}

/** Every concurrency measured in the scenarios, ascending. */
export const concurrenciesOf = (scenarios: BenchScenario[]) => unique(scenarios.flatMap((scenario) => scenario.runs.map((run) => run.concurrency))).sort((a, b) => a - b);

/** Scenarios read together: the seed call on ModelWire and the floors, or one model on ModelWire and in-process. */
export interface ScenarioGroup {
  id: string;
  title: string;
  /** Per protocol ModelWire, then what it is measured against; the in-process run last. */
  scenarios: BenchScenario[];
}

const TARGET_RANK: Record<string, number> = { modelwire: 0, floor: 1, 'in-process': 2 };
const inReadingOrder = (scenarios: BenchScenario[]) =>
  [...scenarios].sort((a, b) => rank(a.protocol) - rank(b.protocol) || (TARGET_RANK[a.target] ?? 3) - (TARGET_RANK[b.target] ?? 3));

export function scenarioGroups(report: BenchReport): ScenarioGroup[] {
  const seed = report.scenarios.filter(isSeedCall);
  const models = ceilingComparisons(report).map(({ workload, ceiling, protocols }) => ({
    id: workload,
    title: workloadTitle(workload),
    scenarios: inReadingOrder([...protocols.flatMap((protocol) => (protocol.ours ? [protocol.ours] : [])), ...(ceiling ? [ceiling] : [])]),
  }));
  return [...(seed.length > 0 ? [{ id: 'seed', title: 'seed call and floors', scenarios: inReadingOrder(seed) }] : []), ...models];
}
