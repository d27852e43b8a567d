import type { BenchProtocol, BenchRun, BenchScenario, BenchTarget, BenchWorkload } from '../../../lib/bench/bench-report';
import { percentilesOf, runLoad, type LoadOutcome, type LoadPlan } from './load-runner';
import type { Progress } from './progress';
import type { WireBytes } from './wire-bytes';

export interface OpenScenario {
  call: () => Promise<unknown>;
  close(): Promise<void>;
}

/** Everything needed to measure one scenario; `open` connects one client sized for the highest load. */
export interface ScenarioSpec {
  id: string;
  target: BenchTarget;
  workload: BenchWorkload;
  protocol?: BenchProtocol;
  library: string;
  endpoint?: BenchScenario['endpoint'];
  model?: string;
  call?: string;
  loads: LoadPlan[];
  open(maxInFlight: number): Promise<OpenScenario>;
  wireBytes?(): Promise<WireBytes>;
}

const loadLabel = ({ concurrency, calls }: LoadPlan) => (concurrency === 1 && calls !== undefined ? `${calls} sequential` : `c${concurrency}`);

const NOT_MEASURED = { requestBytes: NaN, responseBytes: NaN };

function benchRunOf({ concurrency, calls, errors, refused, durationMs, rps, latencyMs, firstError }: LoadOutcome): BenchRun {
  return { concurrency, calls, errors, ...(refused > 0 ? { refused } : {}), durationMs, rps, latencyMs, ...NOT_MEASURED, ...(firstError ? { firstError } : {}) };
}

/** What a load that never ran reports: one failed call. */
const failedRun = (concurrency: number, error: string): BenchRun => ({
  concurrency,
  calls: 1,
  errors: 1,
  durationMs: 0,
  rps: 0,
  latencyMs: percentilesOf([]),
  ...NOT_MEASURED,
  firstError: error,
});

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Warms up (JIT, connection pools) with up to 8 calls in flight, runs each load with the same client, then samples the
 * bytes per call. A scenario that cannot even connect is reported with every load failed, so the run goes on.
 */
export async function runScenario(spec: ScenarioSpec, warmupSeconds: number, progress: Progress, notes: string[]): Promise<BenchScenario> {
  const maxInFlight = Math.max(...spec.loads.map((load) => load.concurrency));
  const runs: BenchRun[] = [];
  const say = (message: string) => {
    progress.note(message);
    notes.push(message);
  };
  let bytes: WireBytes = NOT_MEASURED;
  let opened: OpenScenario | undefined;
  try {
    opened = await spec.open(maxInFlight);
    if (warmupSeconds > 0) await runLoad(opened.call, { concurrency: Math.min(8, maxInFlight), seconds: warmupSeconds });
    for (const load of spec.loads) {
      const label = `${spec.id} ${loadLabel(load)}`;
      progress.step(label);
      const outcome = await runLoad(opened.call, load, (fraction) => progress.update(fraction));
      if (outcome.firstError) say(`${label}: ${outcome.errors} of ${outcome.calls} calls failed; the first: ${outcome.firstError}`);
      if (outcome.firstRefusal) say(`${label}: ${outcome.refused} of ${outcome.calls} calls refused as overloaded; the first: ${outcome.firstRefusal}`);
      if (load.calls !== undefined && outcome.calls < load.calls) say(`${label}: stopped after ${load.seconds} s, having made ${outcome.calls} of ${load.calls} calls`);
      runs.push(benchRunOf(outcome));
    }
  } catch (error) {
    say(`${spec.id} failed: ${messageOf(error)}`);
    for (const load of spec.loads.slice(runs.length)) {
      progress.step(`${spec.id} ${loadLabel(load)} (not run)`);
      runs.push(failedRun(load.concurrency, messageOf(error)));
    }
  } finally {
    await opened?.close().catch(() => undefined);
  }
  if (spec.wireBytes && runs.every((run) => run.errors < run.calls)) {
    bytes = await spec.wireBytes().catch((error: unknown) => {
      say(`${spec.id}: bytes per call not measured (${messageOf(error)})`);
      return NOT_MEASURED;
    });
  }
  const { id, target, workload, protocol, library, endpoint, model, call } = spec;
  return {
    id,
    target,
    workload,
    ...(protocol ? { protocol } : {}),
    library,
    ...(endpoint ? { endpoint } : {}),
    ...(model ? { model } : {}),
    ...(call ? { call } : {}),
    runs: runs.map((run) => ({ ...run, ...bytes })),
  };
}
