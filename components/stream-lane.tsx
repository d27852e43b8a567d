import type { StreamTransport } from '../lib/clients/stream-transports';
import { awaitedSeq, currentError, latencyP50, needsReconnect, type StreamLaneState } from '../lib/stream-lane-state';
import { ReconnectNote } from './stream-reconnect-note';
import { ProtocolErrorView } from './protocol-error-view';
import { StreamGauge } from './stream-gauge';
import { StreamSparkline } from './stream-sparkline';
import { formatMs } from './units';
import styles from './stream.module.css';

const STATE_TEXT = { idle: 'idle', connecting: 'connecting…', open: 'open', closed: 'closed', failed: 'failed' } as const;

interface StreamLaneProps {
  transport: Pick<StreamTransport, 'id' | 'title' | 'how'>;
  lane: StreamLaneState;
  /** The API server's URL, named when it does not answer. */
  apiBaseUrl: string;
  onReconnect(): void;
}

/** One transport's live view: its connection, the newest sentiment and the text it scored, latencies and counts. */
export function StreamLane({ transport, lane, apiBaseUrl, onReconnect }: StreamLaneProps) {
  const { connection, detail, last, counts, reconnect } = lane;
  const reconnecting = reconnect !== undefined && connection !== 'open';
  const waitingFor = awaitedSeq(lane);
  const error = currentError(lane);
  const p50 = latencyP50(lane);
  const headingId = `stream-lane-${transport.id}-title`;
  return (
    <article
      className={`panel ${styles.lane} ${styles[reconnecting ? 'reconnecting' : connection] ?? ''}`}
      data-testid={`stream-lane-${transport.id}`}
      aria-labelledby={headingId}
    >
      <header className="panel-header">
        <h2 id={headingId}>{transport.title}</h2>
        <span className={styles.connection} data-testid="stream-connection">
          <span className={styles.dot} aria-hidden="true" />
          {reconnecting ? 'reconnecting…' : STATE_TEXT[connection]}
        </span>
      </header>
      <p className="muted small">{transport.how}</p>
      <div className={styles.status}>
        {reconnecting ? <ReconnectNote reconnect={reconnect} apiBaseUrl={apiBaseUrl} /> : null}
        {detail ? (
          <p className={`small ${connection === 'failed' && !reconnecting ? 'error-text' : 'muted'} ${styles.detail}`}>{detail}</p>
        ) : connection === 'idle' ? (
          <p className="small muted">Connects on the first text.</p>
        ) : null}
        {needsReconnect(lane) ? (
          <button type="button" className="secondary small" onClick={onReconnect}>
            Reconnect {transport.title}
          </button>
        ) : null}
      </div>
      <div>
        {error ? (
          <ProtocolErrorView error={error.error} />
        ) : lane.lastError ? (
          <p className="muted small">
            earlier error{lane.lastError.seq === undefined ? '' : ` (seq ${lane.lastError.seq})`}: <code>{lane.lastError.error.native}</code> — {lane.lastError.error.message}
          </p>
        ) : null}
      </div>
      <div className={styles.result}>
        {last ? <StreamGauge label={last.label} score={last.score} probability={last.probability} /> : <p className="muted">No update yet.</p>}
      </div>
      <div className={styles.scored}>
        {last ? (
          <>
            <span className="muted small">
              scored (seq {last.seq}
              {last.skipped > 0 ? `, after skipping ${last.skipped} older` : ''})
            </span>
            <q data-testid="stream-text">{last.text}</q>
            {waitingFor !== undefined ? <span className={`small ${styles.pending}`}>newer text in flight (seq {waitingFor})</span> : null}
          </>
        ) : null}
      </div>

      <div className={styles.latency}>
        <dl className="metrics">
          <div>
            <dt>latency</dt>
            <dd data-testid="stream-latency">{last ? formatMs(last.latencyMs) : '–'}</dd>
          </div>
          <div>
            <dt>p50 (last {lane.latencies.length})</dt>
            <dd>{p50 === undefined ? '–' : formatMs(p50)}</dd>
          </div>
          <div>
            <dt>server</dt>
            <dd>{last ? formatMs(last.serverMs) : '–'}</dd>
          </div>
        </dl>
        <StreamSparkline latencies={lane.latencies} p50={p50} />
      </div>

      <dl className={`metrics ${styles.counts}`} data-testid="stream-counts">
        <div>
          <dt>sent</dt>
          <dd>{counts.sent}</dd>
        </div>
        <div>
          <dt>updates</dt>
          <dd>{counts.updates}</dd>
        </div>
        <div>
          <dt>skipped</dt>
          <dd>{counts.skipped}</dd>
        </div>
        <div>
          <dt>errors</dt>
          <dd className={counts.errors > 0 ? 'error-text' : undefined}>{counts.errors}</dd>
        </div>
      </dl>

    </article>
  );
}
