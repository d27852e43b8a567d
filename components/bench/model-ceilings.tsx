'use client';

import { useState } from 'react';
import { protocolTitle, workloadTitle } from '../../lib/bench/bench-titles';
import styles from './bench.module.css';
import { concurrenciesOf, type CeilingComparison } from './bench-data';
import { formatRps, loadTitle } from './bench-format';
import { ComparisonTable } from './comparison-table';
import { RatioBars } from './ratio-bars';
import { SegmentedChoice } from './segmented-choice';

function CeilingCard({ comparison }: { comparison: CeilingComparison }) {
  const { workload, ceiling, protocols } = comparison;
  const concurrencies = concurrenciesOf([...(ceiling ? [ceiling] : []), ...protocols.flatMap((protocol) => (protocol.ours ? [protocol.ours] : []))]);
  const [chosen, setChosen] = useState(concurrencies[concurrencies.length - 1] ?? 1);
  const fastest = ceiling?.runs.reduce((best, run) => (run.rps > best.rps ? run : best));
  const model = ceiling?.model ?? protocols.find((protocol) => protocol.ours?.model)?.ours?.model;
  // The model's name when it says more than the heading: "bench", "mobilenetv2", not "sentiment" again.
  const modelName = model && model !== workload ? model : undefined;
  return (
    <article className={`card ${styles.card}`} data-testid={`ceiling-${workload}`}>
      <h3>
        {workloadTitle(workload)}
        {modelName ? (
          <>
            {' '}
            <code>{modelName}</code>
          </>
        ) : null}
      </h3>
      <p className={`small muted ${styles.library}`}>
        {ceiling && fastest
          ? `In-process (${ceiling.library}): up to ${formatRps(fastest.rps)} rps at ${loadTitle(fastest.concurrency)}.`
          : 'No in-process run to compare with.'}
      </p>
      {concurrencies.length > 1 ? (
        <SegmentedChoice label={`Load for the ${workloadTitle(workload)} chart`} options={concurrencies.map((value) => ({ value, title: `c${value}` }))} value={chosen} onChange={setChosen} />
      ) : null}
      <RatioBars
        title={`Requests per second at c${chosen}, ModelWire ÷ in-process`}
        rows={protocols.map((protocol) => ({
          id: protocol.protocol,
          title: protocolTitle(protocol.protocol),
          ratio: protocol.loads.find((load) => load.concurrency === chosen)?.ratio?.rpsRatio,
        }))}
        reference={{ ratio: 1, title: 'in-process ceiling (1×)' }}
      />
      <ComparisonTable caption={`The ${workloadTitle(workload)} on ModelWire and in-process, per protocol and load`} theirs="in-process" comparisons={protocols} />
    </article>
  );
}

/** The real models served over each protocol, against the same model run in-process: what the model costs by itself. */
export function ModelCeilings({ comparisons }: { comparisons: CeilingComparison[] }) {
  if (comparisons.length === 0) return null;
  return (
    <section className={`card ${styles.section}`} aria-labelledby="ceiling-title" data-testid="model-ceilings">
      <h2 id="ceiling-title">Real models against their in-process ceiling</h2>
      <p className="small muted">
        The same model called directly in the bench&apos;s own process, with no protocol at all: what the model costs by
        itself. The ratio is ModelWire&apos;s throughput over each protocol as a share of that.
      </p>
      {comparisons.map((comparison) => (
        <CeilingCard key={comparison.workload} comparison={comparison} />
      ))}
    </section>
  );
}
