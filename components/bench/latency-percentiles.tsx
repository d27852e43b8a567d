'use client';

import { useState } from 'react';
import type { BenchReport } from '../../lib/bench/bench-report';
import styles from './bench.module.css';
import { concurrenciesOf, scenarioGroups } from './bench-data';
import { loadTitle } from './bench-format';
import { PercentileChart } from './percentile-chart';
import { PercentileTable } from './percentile-table';
import { SegmentedChoice } from './segmented-choice';

/** Latency percentiles of every scenario of one group (the floors, or one model): a chart at one load, every load in the table. */
export function LatencyPercentiles({ report }: { report: BenchReport }) {
  const groups = scenarioGroups(report);
  const [pickedGroup, setPickedGroup] = useState(groups[0]?.id);
  const group = groups.find((candidate) => candidate.id === pickedGroup) ?? groups[0];
  const concurrencies = concurrenciesOf(group?.scenarios ?? []);
  const [picked, setPicked] = useState<number>();
  // A load picked in another group may not exist in this one: fall back to its sequential (first) load.
  const concurrency = picked !== undefined && concurrencies.includes(picked) ? picked : concurrencies[0];
  if (!group || concurrency === undefined) return null;

  return (
    <section className={`card ${styles.section}`} aria-labelledby="latency-title" data-testid="latency-percentiles">
      <h2 id="latency-title">Latency percentiles</h2>
      <p className="small muted">Round trips as the bench&apos;s client saw them, per protocol and load.</p>
      <div className="button-row">
        {groups.length > 1 ? (
          <SegmentedChoice label="Calls for the latency chart" options={groups.map(({ id, title }) => ({ value: id, title }))} value={group.id} onChange={setPickedGroup} />
        ) : null}
        <SegmentedChoice label="Load for the latency chart" options={concurrencies.map((value) => ({ value, title: `c${value}` }))} value={concurrency} onChange={setPicked} />
      </div>
      <PercentileChart
        title={`p50, p95 and p99 of the ${group.title} at ${loadTitle(concurrency)}`}
        rows={group.scenarios.map((scenario) => ({ scenario, run: scenario.runs.find((run) => run.concurrency === concurrency) }))}
      />
      <PercentileTable caption={`Every run of the ${group.title}`} scenarios={group.scenarios} />
    </section>
  );
}
