import type { BenchReport } from '../../lib/bench/bench-report';
import styles from './bench.module.css';

const formatSeconds = (ms: number) => (ms < 90_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`);

function startedAtText(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'long' });
}

/** Where and how the report was measured: the machine, the Node version and the bench's settings. */
export function BenchMachine({ report }: { report: BenchReport }) {
  const { machine, settings } = report;
  const facts: Array<[string, string]> = [
    ['started', startedAtText(report.startedAt)],
    ['took', formatSeconds(report.durationMs)],
    ['CPU', `${machine.cpuModel} × ${machine.cpus}`],
    ['memory', `${machine.memoryGiB} GiB`],
    ['system', `${machine.platform} ${machine.arch}`],
    ['Node.js', machine.node],
    ['sequential calls', String(settings.sequentialCalls)],
    ['per load', `${settings.secondsPerLoad} s`],
    ['concurrencies', settings.concurrencies.join(', ')],
    ['images', String(settings.images)],
    ...(report.server ? ([['ModelWire ran as', `${report.server.command} (${report.server.build})`]] as Array<[string, string]>) : []),
  ];
  return (
    <section className={`card ${styles.section}`} aria-labelledby="machine-title" data-testid="bench-machine">
      <h2 id="machine-title">Machine and settings</h2>
      <dl className={styles.facts}>
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
