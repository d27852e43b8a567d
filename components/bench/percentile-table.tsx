import type { BenchRun, BenchScenario } from '../../lib/bench/bench-report';
import { formatBytes, formatMs } from '../units';
import { protocolTitle, targetTitle } from '../../lib/bench/bench-titles';
import styles from './bench.module.css';
import { BenchTable, GroupedRows } from './bench-table';
import { measured } from './bench-data';
import { formatRps, loadTitle } from './bench-format';

function ScenarioTitle({ scenario }: { scenario: BenchScenario }) {
  if (!scenario.protocol) return <>{targetTitle(scenario.target)}</>;
  return (
    <>
      {protocolTitle(scenario.protocol)}
      <span className="sr-only"> · </span>
      <br />
      <span className="small muted">{targetTitle(scenario.target)}</span>
    </>
  );
}

/** Failed calls, and those the server shed as overloaded when there were any: "0", "3", "0 +1,200 refused". */
const failuresOf = (run: BenchRun) => `${run.errors}${run.refused ? ` +${run.refused.toLocaleString('en-US')} refused` : ''}`;

/** Bytes per call each way, "120 B / 240 B", or "–" where they were not counted. */
function bytesOf({ requestBytes, responseBytes }: BenchRun): string {
  const [sent, received] = [measured(requestBytes), measured(responseBytes)];
  return sent === undefined || received === undefined ? '–' : `${formatBytes(sent)} / ${formatBytes(received)}`;
}

/** Every run of the given scenarios: calls, failures, rps, the latency percentiles and the bytes on the wire. */
export function PercentileTable({ caption, scenarios }: { caption: string; scenarios: BenchScenario[] }) {
  const anyFailure = scenarios.some((scenario) => scenario.runs.some((run) => run.firstError));
  return (
    <BenchTable caption={caption} columns={['scenario', 'load', 'calls', 'failed', 'rps', 'p50', 'p95', 'p99', 'max', 'bytes out / in', ...(anyFailure ? ['first error'] : [])]} testId="percentile-table">
      {scenarios.map((scenario) => (
        <GroupedRows key={scenario.id} heading={<ScenarioTitle scenario={scenario} />} rows={scenario.runs} rowKey={(run) => run.concurrency}>
          {(run) => (
            <>
              <th scope="row">{loadTitle(run.concurrency)}</th>
              <td>{run.calls.toLocaleString('en-US')}</td>
              <td className={run.errors > 0 ? styles.bad : undefined}>{failuresOf(run)}</td>
              <td>{formatRps(run.rps)}</td>
              <td>{formatMs(run.latencyMs.p50)}</td>
              <td>{formatMs(run.latencyMs.p95)}</td>
              <td>{formatMs(run.latencyMs.p99)}</td>
              <td>{formatMs(run.latencyMs.max)}</td>
              <td>{bytesOf(run)}</td>
              {anyFailure ? <td className={styles.firstError}>{run.firstError ?? ''}</td> : null}
            </>
          )}
        </GroupedRows>
      ))}
    </BenchTable>
  );
}
