import type { BenchProtocol, BenchRun, BenchScenario, BenchTarget, BenchWorkload } from '../../../lib/bench/bench-report';
import { combineSamples, percentilesOf, runLoad, sampleLoad, type LoadOutcome, type LoadPlan, type LoadSample } from './load-runner';
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

/** How a load is cut into slices: the calls or seconds shared out, the slices adding up to the whole. */
export function sliceOf(load: LoadPlan, slice: number, slices: number): LoadPlan {
  const calls = load.calls === undefined ? undefined : Math.floor((load.calls * (slice + 1)) / slices) - Math.floor((load.calls * slice) / slices);
  return {
    concurrency: load.concurrency,
    ...(calls === undefined ? {} : { calls }),
    ...(load.seconds === undefined ? {} : { seconds: load.seconds / slices }),
  };
}

/** The order the scenarios take turns in, slice by slice: A B, B A, A B ... so a drift of the machine weighs on each alike. */
export const turnOrder = <T>(items: readonly T[], slice: number): T[] => (slice % 2 === 0 ? [...items] : [...items].reverse());

interface Measured {
  spec: ScenarioSpec;
  opened?: OpenScenario;
  samples: LoadSample[][];
  failure?: string;
}

/**
 * Measures one scenario: warms it up (JIT, connection pools) with up to 8 calls in flight, runs each load with the
 * same client, then samples the bytes per call. A scenario that cannot even connect is reported with every load
 * failed, so the run goes on.
 */
export async function runScenario(spec: ScenarioSpec, warmupSeconds: number, progress: Progress, notes: string[]): Promise<BenchScenario> {
  const [scenario] = await runScenariosTogether([spec], { warmupSeconds, slices: 1 }, progress, notes);
  return scenario!;
}

export interface TogetherOptions {
  warmupSeconds: number;
  slices: number;
  /** Prepares a load before its first slice (CPU placement); what it resolves with runs after its last. */
  placeLoad?(load: LoadPlan): Promise<(() => Promise<void>) | undefined>;
}

/**
 * Measures scenarios with the same loads (ModelWire and a floor) taking turns: each load is cut into `slices` slices,
 * and every scenario runs its share of each slice before the next slice begins, in turnOrder. Both are warmed up
 * first; each scenario's slices of a load are added up into its run of that load.
 */
export async function runScenariosTogether(
  specs: readonly ScenarioSpec[],
  { warmupSeconds, slices, placeLoad }: TogetherOptions,
  progress: Progress,
  notes: string[],
): Promise<BenchScenario[]> {
  const loads = specs[0]?.loads ?? [];
  if (specs.some((spec) => spec.loads.length !== loads.length || spec.loads.some((load, index) => loadLabel(load) !== loadLabel(loads[index]!)))) {
    throw new Error(`scenarios measured together need the same loads: ${specs.map((spec) => spec.id).join(', ')}`);
  }
  const say = (message: string) => {
    progress.note(message);
    notes.push(message);
  };
  const maxInFlight = Math.max(...loads.map((load) => load.concurrency));
  const measured: Measured[] = specs.map((spec) => ({ spec, samples: loads.map(() => []) }));
  try {
    for (const entry of measured) {
      try {
        entry.opened = await entry.spec.open(maxInFlight);
        if (warmupSeconds > 0) await runLoad(entry.opened.call, { concurrency: Math.min(8, maxInFlight), seconds: warmupSeconds });
      } catch (error) {
        entry.failure = messageOf(error);
        say(`${entry.spec.id} failed: ${entry.failure}`);
      }
    }
    for (const [index, load] of loads.entries()) {
      progress.step(`${specs.map((spec) => spec.id).join(' ⇄ ')} ${loadLabel(load)}`);
      const running = measured.filter((entry) => entry.opened);
      // A load of fewer calls than slices is cut into as many slices as it has calls.
      const cuts = load.calls === undefined ? slices : Math.max(1, Math.min(slices, load.calls));
      const undoPlacement = await placeLoad?.(load);
      try {
        for (let slice = 0; slice < cuts; slice++) {
          for (const [turn, entry] of turnOrder(running, slice).entries()) {
            const done = slice * running.length + turn;
            const sample = await sampleLoad(entry.opened!.call, sliceOf(load, slice, cuts), (fraction) => progress.update((done + fraction) / (cuts * running.length)));
            entry.samples[index]!.push(sample);
          }
        }
      } finally {
        await undoPlacement?.();
      }
    }
  } finally {
    await Promise.all(measured.map((entry) => entry.opened?.close().catch(() => undefined)));
  }
  return Promise.all(measured.map((entry) => scenarioOf(entry, say)));
}

async function scenarioOf({ spec, samples, failure }: Measured, say: (message: string) => void): Promise<BenchScenario> {
  const runs = spec.loads.map((load, index) => {
    if (failure !== undefined) return failedRun(load.concurrency, failure);
    const outcome = combineSamples(samples[index]!);
    const label = `${spec.id} ${loadLabel(load)}`;
    if (outcome.firstError) say(`${label}: ${outcome.errors} of ${outcome.calls} calls failed; the first: ${outcome.firstError}`);
    if (outcome.firstRefusal) say(`${label}: ${outcome.refused} of ${outcome.calls} calls refused as overloaded; the first: ${outcome.firstRefusal}`);
    if (load.calls !== undefined && outcome.calls < load.calls) say(`${label}: stopped after ${load.seconds} s, having made ${outcome.calls} of ${load.calls} calls`);
    return benchRunOf(outcome);
  });
  let bytes: WireBytes = NOT_MEASURED;
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
