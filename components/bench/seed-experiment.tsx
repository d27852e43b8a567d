import type { SeedExperiment as SeedExperimentResult } from '../../lib/bench/bench-report';
import { protocolTitle } from '../../lib/bench/bench-titles';
import styles from './bench.module.css';
import { BenchTable } from './bench-table';

const secondsOf = (result: SeedExperimentResult, protocol: string, target: string) => {
  const row = result.rows.find((candidate) => candidate.protocol === protocol && candidate.target === target);
  return row && Number.isFinite(row.seconds) ? `${row.seconds.toFixed(2)} s` : '–';
};

/** The seed deck's slide 10 replayed: N sequential calls over REST and over gRPC, total seconds, ModelWire and floors. */
export function SeedExperiment({ result }: { result: SeedExperimentResult | undefined }) {
  if (!result || result.rows.length === 0) return null;
  const protocols = [...new Set(result.rows.map((row) => row.protocol))];
  return (
    <section className={`card ${styles.section}`} aria-labelledby="seed-title" data-testid="seed-experiment">
      <h2 id="seed-title">The seed deck&apos;s experiment</h2>
      <p className="small muted">
        {result.calls.toLocaleString('en-US')} sequential calls of the seed&apos;s linear call, total time, as on the deck&apos;s slide 10.
      </p>
      <BenchTable caption={`Total seconds for ${result.calls} sequential calls`} columns={['protocol', 'ModelWire', 'floor']}>
        {protocols.map((protocol) => (
          <tr key={protocol}>
            <th scope="row">{protocolTitle(protocol)}</th>
            <td>{secondsOf(result, protocol, 'modelwire')}</td>
            <td>{secondsOf(result, protocol, 'floor')}</td>
          </tr>
        ))}
      </BenchTable>
    </section>
  );
}
