import { BENCH_REPORT_SCHEMA, isBenchReport, type BenchReport } from '../../lib/bench/bench-report';

export type ReadReport = { ok: true; report: BenchReport } | { ok: false; problem: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const areNumbers = (value: unknown, keys: string[]) => isObject(value) && keys.every((key) => typeof value[key] === 'number');

const RUN_NUMBERS = ['concurrency', 'calls', 'errors', 'rps'];
const PERCENTILES = ['p50', 'p95', 'p99'];
const RATIO_NUMBERS = ['concurrency', 'rpsRatio', 'p50Ratio'];

/**
 * The first part the page needs that a report claiming the schema lacks, or undefined. isBenchReport only checks the
 * envelope; this keeps a hand-edited or truncated file from breaking the charts halfway.
 */
function missingPartOf(report: BenchReport): string | undefined {
  if (!isObject(report.machine)) return 'machine';
  if (!isObject(report.settings) || !Array.isArray(report.settings.concurrencies)) return 'settings.concurrencies';
  for (const [i, scenario] of report.scenarios.entries()) {
    const where = `scenarios[${i}]`;
    if (!isObject(scenario) || typeof scenario.id !== 'string' || typeof scenario.target !== 'string' || typeof scenario.workload !== 'string') return where;
    if (!Array.isArray(scenario.runs)) return `${where}.runs`;
    const broken = scenario.runs.findIndex((run) => !areNumbers(run, RUN_NUMBERS) || !areNumbers(run.latencyMs, PERCENTILES));
    if (broken !== -1) return `${where}.runs[${broken}]`;
  }
  const brokenRatio = report.ratios.findIndex((ratio) => !areNumbers(ratio, RATIO_NUMBERS));
  if (brokenRatio !== -1) return `ratios[${brokenRatio}]`;
  if (report.notes !== undefined && !Array.isArray(report.notes)) return 'notes';
  return undefined;
}

/** A parsed value as a report the page can draw, or what is wrong with it, naming `source` (a file name). */
export function checkBenchReport(value: unknown, source: string): ReadReport {
  if (!isBenchReport(value)) {
    const schema = isObject(value) && typeof value.schema === 'string' ? value.schema : undefined;
    if (schema && schema !== BENCH_REPORT_SCHEMA) return { ok: false, problem: `${source} is a "${schema}" file; this page reads "${BENCH_REPORT_SCHEMA}" reports.` };
    return { ok: false, problem: `${source} is not a benchmark report: expected the JSON \`npm run bench\` writes, with "schema": "${BENCH_REPORT_SCHEMA}", "scenarios" and "ratios".` };
  }
  const missing = missingPartOf(value);
  if (missing) return { ok: false, problem: `${source} says "${BENCH_REPORT_SCHEMA}" but its ${missing} is missing or malformed.` };
  return { ok: true, report: { ...value, notes: value.notes ?? [] } };
}

/** The bench writes NaN where a side had no answers; JSON.stringify turns it into null. Read it back as NaN. */
const nullAsNaN = (_key: string, value: unknown) => (value === null ? Number.NaN : value);

/** The text of a file (or an answer) that should hold a report. */
export function readBenchReport(text: string, source: string): ReadReport {
  let value: unknown;
  try {
    value = JSON.parse(text, nullAsNaN);
  } catch (error) {
    return { ok: false, problem: `${source} is not JSON (${error instanceof Error ? error.message : String(error)}).` };
  }
  return checkBenchReport(value, source);
}
