import { describe, expect, it } from 'vitest';
import { ceilingComparisons, floorComparisons, meetsP50Target, meetsRpsTarget, scenarioGroups, targetChecks } from '../../components/bench/bench-data';
import { readBenchReport } from '../../components/bench/read-bench-report';
import { FIXTURE_PROTOCOLS, sampleBenchReport } from './bench-report-fixture';

// The /bench page's reading of a report (components/bench): which numbers it pairs, and which files it refuses.

describe('the /bench page reads a report', () => {
  const report = sampleBenchReport();

  it("pairs ModelWire's seed call with each floor load by load, with the bench's own ratios", () => {
    const floors = floorComparisons(report);
    expect(floors.map((floor) => floor.protocol)).toEqual(FIXTURE_PROTOCOLS);
    const rest = floors[0]!;
    expect(rest.ours?.endpoint).toBe('seed');
    expect(rest.loads.map((load) => load.concurrency)).toEqual([1, 8, 32]);
    expect(rest.loads[2]).toMatchObject({ ours: { rps: 800 * 32 }, theirs: { rps: 1000 * 32 }, ratio: { rpsRatio: 0.8, against: 'floor' } });
  });

  it("checks the issue's floor targets: ≥ 0.5× rps at c32 and ≤ 1.5× sequential p50", () => {
    const checks = targetChecks(floorComparisons(report));
    expect(checks).toEqual([
      { protocol: 'rest', rpsRatio: 0.8, sequentialP50Ratio: 1.25 },
      { protocol: 'grpc', rpsRatio: 0.6, sequentialP50Ratio: 1 / 0.6 },
      { protocol: 'websocket', rpsRatio: 0.4, sequentialP50Ratio: 2.5 },
    ]);
    expect(checks.map((check) => meetsRpsTarget(check.rpsRatio!))).toEqual([true, true, false]);
    expect(checks.map((check) => meetsP50Target(check.sequentialP50Ratio!))).toEqual([true, false, false]);
  });

  it("sets each model on ModelWire's API against its in-process ceiling, the linear model apart from the seed call", () => {
    const ceilings = ceilingComparisons(report);
    expect(ceilings.map((ceiling) => [ceiling.workload, ceiling.ceiling?.target, ceiling.protocols.map((protocol) => protocol.protocol)])).toEqual([
      ['linear', 'in-process', ['rest']],
      ['sentiment', 'in-process', ['rest', 'grpc']],
    ]);
    expect(ceilings[1]!.protocols[0]!.loads[0]?.ratio?.rpsRatio).toBe(0.5);
  });

  it('groups the scenarios for the latency chart: the seed call and its floors, then each model', () => {
    const groups = scenarioGroups(report);
    expect(groups.map((group) => group.id)).toEqual(['seed', 'linear', 'sentiment']);
    expect(groups[0]!.scenarios.map((scenario) => scenario.id).slice(0, 3)).toEqual(['modelwire/linear/rest', 'floor/linear/rest', 'modelwire/linear/grpc']);
    expect(groups[2]!.scenarios.map((scenario) => scenario.id)).toEqual(['modelwire/sentiment/rest', 'modelwire/sentiment/grpc', 'in-process/sentiment']);
  });

  it("accepts the bench's JSON, its nulls read back as NaN, and refuses other files with what is wrong", () => {
    const read = readBenchReport(JSON.stringify(report), 'latest.json');
    expect(read).toEqual({ ok: true, report });
    if (read.ok) expect(read.report.scenarios.at(-1)!.runs[0]!.latencyMs.p50).toBeNaN();
    expect(readBenchReport('not json', 'a.json')).toMatchObject({ ok: false, problem: expect.stringMatching(/^a\.json is not JSON/) });
    expect(readBenchReport('{"name": "package"}', 'package.json')).toMatchObject({ ok: false, problem: expect.stringMatching(/is not a benchmark report/) });
    expect(readBenchReport('{"schema": "modelwire-bench/0"}', 'old.json')).toMatchObject({ ok: false, problem: expect.stringContaining('"modelwire-bench/0" file') });
    const truncated = { ...report, scenarios: [{ ...report.scenarios[0], runs: [{ concurrency: 1 }] }] };
    expect(readBenchReport(JSON.stringify(truncated), 'cut.json')).toMatchObject({ ok: false, problem: expect.stringContaining('scenarios[0].runs[0] is missing or malformed') });
  });
});
