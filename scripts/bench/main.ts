// `npm run bench`: ModelWire against each protocol library's minimal server (the floor) and against its own models
// run in-process (the ceiling). Not part of `npm test`; loopback only; see `npm run bench -- --help`.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchReport } from '../../lib/bench/bench-report';
import { parseOptions, USAGE } from './options';
import { buildReport } from './report/build-report';
import { formatReport } from './report/print-report';
import { runBench } from './run/bench-run';

async function writeReport(report: BenchReport, file: string) {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
}

async function main(): Promise<number> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 2;
  }
  const startedAt = new Date();
  const result = await runBench(options);
  const report = buildReport(options, result, startedAt, Date.now() - startedAt.getTime());
  const latest = path.join(options.dataDir, 'bench', 'latest.json');
  await writeReport(report, latest);
  if (options.jsonFile) await writeReport(report, path.resolve(options.jsonFile));
  console.log(`${formatReport(report)}\n\nReport: ${latest}${options.jsonFile ? ` and ${options.jsonFile}` : ''}`);
  const failed = report.scenarios.some((scenario) => scenario.runs.some((run) => run.errors > 0));
  if (failed) console.error('Some calls failed: see the errors column and the lines above the table.');
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
