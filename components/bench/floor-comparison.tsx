'use client';

import { protocolTitle } from '../../lib/bench/bench-titles';
import styles from './bench.module.css';
import { FLOOR_TARGETS, measured, meetsP50Target, meetsRpsTarget, targetChecks, type ComparedLoad, type ProtocolComparison } from './bench-data';
import { formatRatio } from './bench-format';
import { ComparisonTable } from './comparison-table';
import { RatioBars } from './ratio-bars';
import { ThroughputChart } from './throughput-chart';

const { minRpsRatio, rpsConcurrency, maxSequentialP50Ratio } = FLOOR_TARGETS;
const RPS_TARGET = `target ≥ ${minRpsRatio}× at c${rpsConcurrency}`;
const P50_TARGET = `target ≤ ${maxSequentialP50Ratio}×`;

/** "floor: ws 8.23 …", unless the bench's own text already starts with the name (it does: "ModelWire (ws …)"). */
const labelled = (name: string, library: string | undefined) =>
  !library ? `${name}: not measured` : library.toLowerCase().startsWith(name.toLowerCase()) ? library : `${name}: ${library}`;

/** Whether a load's ratio is one the issue sets a target for, and if so whether it meets it. */
function verdict(load: ComparedLoad, ratio: 'rps' | 'p50'): boolean | undefined {
  if (ratio === 'rps') return load.concurrency === rpsConcurrency ? meetsRpsTarget(load.ratio!.rpsRatio) : undefined;
  return load.concurrency === 1 ? meetsP50Target(load.ratio!.p50Ratio) : undefined;
}

function SequentialVerdict({ comparison }: { comparison: ProtocolComparison }) {
  const ratio = measured(comparison.loads.find((load) => load.concurrency === 1)?.ratio?.p50Ratio);
  if (ratio === undefined) return <p className="small muted">No sequential run to compare.</p>;
  const met = meetsP50Target(ratio);
  return (
    <p className="small">
      Sequential p50: <span className={met ? styles.good : styles.bad}>{formatRatio(ratio)} the floor&apos;s</span> ({P50_TARGET}){' '}
      <span className={met ? styles.good : styles.bad}>{met ? '✓ met' : '✗ missed'}</span>
    </p>
  );
}

/** The linear workload on ModelWire and on each protocol library's own minimal server: throughput, ratios, targets. */
export function FloorComparison({ comparisons }: { comparisons: ProtocolComparison[] }) {
  if (comparisons.length === 0) return null;
  const checks = targetChecks(comparisons);
  const met = checks.filter((check) => check.rpsRatio !== undefined && meetsRpsTarget(check.rpsRatio) && check.sequentialP50Ratio !== undefined && meetsP50Target(check.sequentialP50Ratio));
  return (
    <section className={`card ${styles.section}`} aria-labelledby="floor-title" data-testid="floor-comparison">
      <h2 id="floor-title">ModelWire against each library&apos;s floor</h2>
      <p className="small muted">
        The floor is the same protocol library serving the seed&apos;s linear formula with no model and nothing else: what that
        library costs by itself. The issue&apos;s targets are at least {minRpsRatio}× the floor&apos;s requests per second at {rpsConcurrency}{' '}
        concurrent calls, and at most {maxSequentialP50Ratio}× its median latency when calls go one at a time.
      </p>
      <p>
        <strong>
          {met.length} of {checks.length}
        </strong>{' '}
        protocols meet both targets.
      </p>
      <div className={styles.cards}>
        <RatioBars
          title={`Requests per second at c${rpsConcurrency}, ModelWire ÷ floor`}
          rows={checks.map((check) => ({ id: check.protocol, title: protocolTitle(check.protocol), ratio: check.rpsRatio }))}
          reference={{ ratio: minRpsRatio, title: RPS_TARGET }}
          meets={meetsRpsTarget}
          testId="target-rps"
        />
        <RatioBars
          title="Sequential p50, ModelWire ÷ floor (lower is better)"
          rows={checks.map((check) => ({ id: check.protocol, title: protocolTitle(check.protocol), ratio: check.sequentialP50Ratio }))}
          reference={{ ratio: maxSequentialP50Ratio, title: P50_TARGET }}
          meets={meetsP50Target}
          testId="target-p50"
        />
      </div>
      <div className={styles.cards}>
        {comparisons.map((comparison) => (
          <article key={comparison.protocol} className={`card ${styles.card}`} data-testid={`floor-${comparison.protocol}`}>
            <h3>{protocolTitle(comparison.protocol)}</h3>
            {comparison.ours?.call ? (
              <p className={`small ${styles.library}`}>
                <code>{comparison.ours.call}</code>
              </p>
            ) : null}
            <p className={`small muted ${styles.library}`}>
              {labelled('ModelWire', comparison.ours?.library)}
              <br />
              {labelled('floor', comparison.theirs?.library)}
            </p>
            <ThroughputChart
              title={`${protocolTitle(comparison.protocol)}: ModelWire against the floor`}
              ratioTitle="ModelWire ÷ floor"
              loads={comparison.loads}
              target={{ ratio: minRpsRatio, concurrency: rpsConcurrency, meets: meetsRpsTarget }}
            />
            <SequentialVerdict comparison={comparison} />
          </article>
        ))}
      </div>
      <p className={`${styles.legend} small`}>
        <span className={styles.keyOurs}>▮ ModelWire rps</span>
        <span className={styles.keyTheirs}>▯ floor rps</span>
        <span className={styles.keyOurs}>● ModelWire ÷ floor</span>
        <span className={styles.keyTarget}>┆ {RPS_TARGET}</span>
      </p>
      <ComparisonTable caption="ModelWire and each protocol's floor, per load" theirs="floor" comparisons={comparisons} verdict={verdict} />
    </section>
  );
}
