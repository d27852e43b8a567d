import { callPhases, type CallPhase, type CallTiming, type RoundTripClock, type ServerTime } from '../lib/clients/call-timing';
import styles from './timing-breakdown.module.css';
import { formatMs } from './units';

const PHASE_LABELS: Record<CallPhase['id'], string> = {
  encode: 'encode',
  network: 'network',
  server: 'server',
  decode: 'decode',
};

/** A lane in the page has no server: its model's time is compute. */
const phaseLabel = (id: CallPhase['id'], timing: CallTiming) => (id === 'server' && timing.server?.source === 'this-tab' ? 'compute' : PHASE_LABELS[id]);

const SERVER_SOURCES: Record<ServerTime['source'], string> = {
  'server-timing-header': 'Server-Timing header',
  'reply-timing-fields': "reply's timing fields",
  'this-tab': 'onnxruntime-web in this tab',
};

const CLOCKS: Record<RoundTripClock, string> = {
  'network-stack': "Round trip timed by the browser's network stack (Resource Timing).",
  page: 'Round trip timed by the page, from sending to the reply arriving.',
};

/** What else a phase's number holds, in words. */
function phaseDetail(phase: CallPhase, timing: CallTiming): string | undefined {
  const { server } = timing;
  if (phase.id === 'network' && !server) return 'whole round trip (no server timing)';
  if (phase.id === 'network') return 'both ways, and both protocol stacks';
  if (phase.id !== 'server' || !server) return undefined;
  const parts = [
    server.preprocessMs === undefined ? undefined : `preprocess ${formatMs(server.preprocessMs)}`,
    server.inferenceMs === undefined ? undefined : `inference ${formatMs(server.inferenceMs)}`,
  ].filter(Boolean);
  return [...parts, `from the ${SERVER_SOURCES[server.source]}`].join(' · ');
}

/** Connecting first is shown apart: it happens once, and is not part of the call's own time. */
function ConnectLine({ timing }: { timing: CallTiming }) {
  const local = timing.server?.source === 'this-tab';
  if (!timing.connect) {
    return (
      <p className={styles.warm} data-testid="phase-warm">
        {local ? 'Warm: the model was already loaded.' : 'Warm: nothing to connect first.'}
      </p>
    );
  }
  return (
    <p className={styles.connect} data-testid="phase-connect">
      {local ? 'Loaded first' : 'Connected first'}: <strong>{formatMs(timing.connect.ms)}</strong> ({timing.connect.what}), before the call and not in the
      times below.
    </p>
  );
}

/** Where one call's time went: connecting (apart), then encode, network, server and decode as a stacked bar. */
export function TimingBreakdown({ roundTripMs, timing }: { roundTripMs: number; timing: CallTiming }) {
  const phases = callPhases(roundTripMs, timing);
  const total = phases.reduce((sum, phase) => sum + phase.ms, 0) || 1;
  const described = phases.map((phase) => `${phaseLabel(phase.id, timing)} ${formatMs(phase.ms)}`).join(', ');
  return (
    <section className={styles.breakdown} data-testid="timing-breakdown" aria-label="Where the time went">
      <ConnectLine timing={timing} />
      <div className={styles.bar} role="img" aria-label={described}>
        {phases.map((phase) => (
          <span key={phase.id} className={styles[phase.id]} style={{ width: `${(phase.ms / total) * 100}%` }} title={`${phaseLabel(phase.id, timing)} ${formatMs(phase.ms)}`} />
        ))}
      </div>
      <dl className={styles.legend}>
        {phases.map((phase) => {
          const detail = phaseDetail(phase, timing);
          return (
            <div key={phase.id} data-testid={`phase-${phase.id}`}>
              <dt>
                <span className={`${styles.swatch} ${styles[phase.id]}`} aria-hidden="true" />
                {phaseLabel(phase.id, timing)}
              </dt>
              <dd>{formatMs(phase.ms)}</dd>
              {detail ? <dd className={styles.detail}>{detail}</dd> : null}
            </div>
          );
        })}
      </dl>
      <p className="muted small">{CLOCKS[timing.clock]}</p>
    </section>
  );
}
