'use client';

import { useEffect, useRef, useState } from 'react';
import type { Lane } from '../lib/clients/create-clients';
import { summarize, type LatencySummary } from '../lib/latency-stats';
import { LatencyChart } from './latency-chart';
import { LatencyTable, type SeriesData } from './latency-table';
import { runLane, type PredictCall } from './lane-run';

interface RepeatRunnerProps {
  lanes: Lane[];
  /** The call to repeat, or what is wrong with the input. */
  prepare(): PredictCall | string;
  /** Whether a single "send to all" is in flight (the two never run together). */
  busy: boolean;
  onRunningChange(running: boolean): void;
  /** Each lane's round-trip summary when a run ends, for the panels. */
  onSummaries(summaries: Record<string, LatencySummary>): void;
}


const CHOICES = [10, 25, 50, 100, 250];

/** Resolves once the page has painted (or after 100 ms in a background tab, where frames do not come). */
const afterPaint = () =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, 100);
    requestAnimationFrame(() => setTimeout(resolve, 0));
  });

/**
 * Repeats one call N times through every lane and draws the latency distributions. Calls run one at a time, taking
 * turns between lanes, so the protocols never compete for the server and slow drift hits them all alike.
 */
export function RepeatRunner({ lanes, prepare, busy, onRunningChange, onSummaries }: RepeatRunnerProps) {
  const [count, setCount] = useState(25);
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const [series, setSeries] = useState<SeriesData[]>([]);
  const [problem, setProblem] = useState<string>();
  const stopRequested = useRef(false);
  const [running, setRunning] = useState(false);
  useEffect(() => () => void (stopRequested.current = true), []);

  async function start() {
    const call = prepare();
    if (typeof call === 'string') return setProblem(call);
    const active = lanes.filter((lane) => lane.client);
    const data: SeriesData[] = active.map((lane) => ({ id: lane.id, title: lane.title, samples: [], serverMs: [], errors: 0 }));
    const total = count * active.length;
    setProblem(undefined);
    setSeries(data.map((entry) => ({ ...entry })));
    setProgress({ done: 0, total });
    stopRequested.current = false;
    setRunning(true);
    onRunningChange(true);
    let done = 0;
    for (let round = 0; round < count && !stopRequested.current; round += 1) {
      // Each round starts with the next lane, so no lane is always first after the page has redrawn.
      for (let turn = 0; turn < active.length; turn += 1) {
        const i = (round + turn) % active.length;
        const run = await runLane(active[i]!.client!, call);
        const entry = data[i]!;
        if (run.state === 'done' && run.outcome.ok) {
          entry.samples.push(run.outcome.roundTripMs);
          entry.serverMs.push(run.outcome.value.timing.serverMs);
        } else entry.errors += 1;
        done += 1;
      }
      setProgress({ done, total });
      if (round % 5 === 4 || round === count - 1) setSeries(data.map((entry) => ({ ...entry, samples: [...entry.samples] })));
      // Let the page redraw between rounds rather than while a call's answer is waiting to be read.
      await afterPaint();
    }
    setSeries(data.map((entry) => ({ ...entry, samples: [...entry.samples] })));
    setRunning(false);
    onRunningChange(false);
    onSummaries(Object.fromEntries(data.flatMap((entry) => (entry.samples.length > 0 ? [[entry.id, summarize(entry.samples)!]] : []))));
  }

  return (
    <section className="repeat" aria-labelledby="repeat-title">
      <h2 id="repeat-title">Latency over many calls</h2>
      <div className="repeat-controls">
        <label className="inline-field">
          Calls per protocol
          <select value={count} onChange={(event) => setCount(Number(event.target.value))} disabled={running}>
            {CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {choice}
              </option>
            ))}
          </select>
        </label>
        {running ? (
          <button type="button" className="secondary" onClick={() => void (stopRequested.current = true)}>
            Stop
          </button>
        ) : (
          <button type="button" className="secondary" onClick={start} disabled={busy || !lanes.some((lane) => lane.client)}>
            Repeat ×{count}
          </button>
        )}
        {progress ? (
          <label className="inline-field progress-field">
            <span className="sr-only">Progress</span>
            <progress max={progress.total} value={progress.done} data-testid="repeat-progress" />
            <span className="small muted">
              {progress.done} / {progress.total}
              {!running && progress.done < progress.total ? ' (stopped)' : ''}
            </span>
          </label>
        ) : null}
      </div>
      {problem ? (
        <p className="error-text" role="alert">
          {problem}
        </p>
      ) : null}
      <LatencyChart series={series} />
      {series.some((entry) => entry.samples.length + entry.errors > 0) ? <LatencyTable series={series} /> : null}
    </section>
  );
}
