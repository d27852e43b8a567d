import type { BenchRatio, BenchReport, BenchRun, BenchScenario } from '../../../lib/bench/bench-report';
import { ms, rps, textTable, times, wholeNumber } from './text-table';
import { loadTitle, protocolTitle } from './titles';

const runAt = (scenario: BenchScenario | undefined, concurrency: number) => scenario?.runs.find((run) => run.concurrency === concurrency);
const latencies = (run: BenchRun | undefined) => [ms(run?.latencyMs.p50), ms(run?.latencyMs.p95), ms(run?.latencyMs.p99), rps(run?.rps)];
/** Failed calls, and those the server refused as overloaded when there were any: "0", "3", "0 +1,200 refused". */
function failuresOf(...runs: (BenchRun | undefined)[]): string {
  const sum = (count: (run: BenchRun) => number) => runs.reduce((total, run) => total + (run ? count(run) : 0), 0);
  const refused = sum((run) => run.refused ?? 0);
  return `${sum((run) => run.errors)}${refused > 0 ? ` +${wholeNumber(refused)} refused` : ''}`;
}

function ratioOf(report: BenchReport, scenario: BenchScenario, concurrency: number, against: BenchRatio['against']) {
  return report.ratios.find(
    (ratio) => ratio.against === against && ratio.workload === scenario.workload && ratio.protocol === scenario.protocol && ratio.concurrency === concurrency,
  );
}

function floorSection(report: BenchReport): string[] {
  const ours = report.scenarios.filter((scenario) => scenario.target === 'modelwire' && scenario.endpoint === 'seed');
  if (ours.length === 0) return [];
  const floorOf = (scenario: BenchScenario) => report.scenarios.find((other) => other.target === 'floor' && other.protocol === scenario.protocol);
  const rows = ours.flatMap((scenario) =>
    scenario.runs.map((run) => {
      const theirs = runAt(floorOf(scenario), run.concurrency);
      const ratio = ratioOf(report, scenario, run.concurrency, 'floor');
      return [protocolTitle(scenario.protocol), loadTitle(run.concurrency), wholeNumber(run.calls), ...latencies(run), wholeNumber(theirs?.calls), ...latencies(theirs), times(ratio?.rpsRatio), times(ratio?.p50Ratio), failuresOf(run, theirs)];
    }),
  );
  const wire = ours.map((scenario) => {
    const floor = floorOf(scenario);
    const [oursRun, floorRun] = [scenario.runs[0], floor?.runs[0]];
    return [protocolTitle(scenario.protocol), wholeNumber(oursRun?.requestBytes), wholeNumber(oursRun?.responseBytes), wholeNumber(floorRun?.requestBytes), wholeNumber(floorRun?.responseBytes)];
  });
  const servers = ours.flatMap((scenario) => {
    const [server, client] = scenario.library.split(' · ');
    const indent = ' '.repeat(protocolTitle(scenario.protocol).length + 2);
    const floor = floorOf(scenario)?.library.split(' · ')[0] ?? 'no floor';
    return [`  ${protocolTitle(scenario.protocol)}: ${server} against ${floor}`, `  ${indent}client: ${client}`];
  });
  return [
    "ModelWire against each library's floor: the seed's two-feature linear call on the seed endpoints",
    '(latency in ms; rps = answered calls per second; × = ModelWire ÷ floor)',
    '',
    textTable(['protocol', 'load', 'calls', 'p50', 'p95', 'p99', 'rps', 'floor calls', 'p50', 'p95', 'p99', 'rps', 'rps×', 'p50×', 'errors'], rows, [1, 6, 11, 13]),
    '',
    'Bytes per call on the wire (request / response), counted by a TCP relay',
    '',
    textTable(['protocol', 'ModelWire req', 'resp', 'floor req', 'resp'], wire, [2]),
    '',
    'Servers, and the one client that drove both',
    ...servers,
  ];
}

function modelSection(report: BenchReport, ceiling: BenchScenario): string[] {
  const served = report.scenarios.filter((scenario) => scenario.target === 'modelwire' && scenario.endpoint === 'api' && scenario.workload === ceiling.workload);
  const row = (scenario: BenchScenario, run: BenchRun) => {
    const ratio = scenario === ceiling ? undefined : ratioOf(report, scenario, run.concurrency, 'in-process');
    return [protocolTitle(scenario.protocol), loadTitle(run.concurrency), wholeNumber(run.calls), ...latencies(run), times(ratio?.rpsRatio), times(ratio?.p50Ratio), wholeNumber(run.requestBytes), wholeNumber(run.responseBytes), failuresOf(run)];
  };
  return [
    `Model "${ceiling.model}" through ModelWire's API, against the same model in-process (× = ModelWire ÷ in-process)`,
    '',
    textTable(['protocol', 'load', 'calls', 'p50', 'p95', 'p99', 'rps', 'rps×', 'p50×', 'req B', 'resp B', 'errors'], [ceiling, ...served].flatMap((scenario) => scenario.runs.map((run) => row(scenario, run))), [1, 6, 8]),
  ];
}

function seedSection({ seedExperiment }: BenchReport): string[] {
  if (!seedExperiment) return [];
  const line = (target: string) =>
    seedExperiment.rows
      .filter((row) => row.target === target)
      .map((row) => `${protocolTitle(row.protocol)}: ${row.seconds.toFixed(2)} seconds`)
      .join('   ');
  return [
    `The seed deck's experiment (slide 10): ${seedExperiment.calls} sequential calls, REST POST /predict against gRPC MLModel/Predict`,
    `  ModelWire   ${line('modelwire')}`,
    `  floors      ${line('floor')}`,
  ];
}

function targetSection({ targets = [] }: BenchReport): string[] {
  if (targets.length === 0) return [];
  const value = (actual: number, goal: number) => (goal > 100 ? `${rps(actual)} rps` : times(actual));
  return ['Targets (issue 10; measured, never failing the run)', ...targets.map((target) => `  ${target.pass ? 'PASS' : 'MISS'}  ${target.name.padEnd(52)} ${value(target.actual, target.goal)}`)];
}

/** The whole report as text: floors, models, the seed's experiment, the targets and the notes. */
export function formatReport(report: BenchReport): string {
  const ceilings = report.scenarios.filter((scenario) => scenario.target === 'in-process');
  const sections = [floorSection(report), ...ceilings.map((ceiling) => modelSection(report, ceiling)), seedSection(report), targetSection(report)];
  const notes = report.notes.length > 0 ? ['Notes', ...report.notes.map((note) => `  - ${note}`)] : [];
  return [...sections, notes].filter((section) => section.length > 0).map((section) => section.join('\n')).join('\n\n');
}
