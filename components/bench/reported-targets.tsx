import type { BenchTargetCheck } from '../../lib/bench/bench-report';
import styles from './bench.module.css';
import { BenchTable } from './bench-table';
import { measured } from './bench-data';
import { formatRatio, formatRps } from './bench-format';

/** A target's number as the bench's text report shows it: a throughput in rps for large goals, else a ratio. */
const valueText = (value: number, goal: number) => (measured(value) === undefined ? '–' : goal >= 100 ? `${formatRps(value)} rps` : formatRatio(value));

/** The issue's targets as the bench checked them (they are measured and shown, never failing the run). */
export function ReportedTargets({ targets }: { targets: BenchTargetCheck[] | undefined }) {
  if (!targets || targets.length === 0) return null;
  const met = targets.filter((target) => target.pass).length;
  return (
    <section className={`card ${styles.section}`} aria-labelledby="targets-title" data-testid="reported-targets">
      <h2 id="targets-title">Targets</h2>
      <p>
        <strong>
          {met} of {targets.length}
        </strong>{' '}
        of issue 10&apos;s targets met in this run. They are measured, never failing the bench.
      </p>
      <BenchTable caption="Issue 10's targets and this run's numbers" columns={['target', 'measured', 'result']}>
        {targets.map((target) => (
          <tr key={target.name}>
            <th scope="row" className={styles.wrapping}>
              {target.name}
            </th>
            <td>{valueText(target.actual, target.goal)}</td>
            <td className={target.pass ? styles.good : styles.bad}>{target.pass ? '✓ met' : '✗ missed'}</td>
          </tr>
        ))}
      </BenchTable>
    </section>
  );
}
