import type { Lane } from '../lib/clients/create-clients';
import type { LatencySummary } from '../lib/latency-stats';
import { CopyAsButton } from './copy-as-button';
import type { LaneRun } from './lane-run';
import { OutcomeMetrics } from './outcome-metrics';
import { PredictionView } from './prediction-view';
import { ProtocolErrorView } from './protocol-error-view';
import { formatMs } from './units';
import { WireView } from './wire-view';

interface ProtocolPanelProps {
  lane: Lane;
  run: LaneRun;
  /** The input image, shown beside classification labels. */
  imageUrl?: string;
  /** Builds this lane's "copy as" snippet; absent while there is no valid input. */
  copySnippet?: () => string;
  /** The latest repeat run's round-trip distribution for this lane. */
  repeat?: LatencySummary;
}

/** One lane of the playground: the answer, its timings and sizes, the wire, and a way to reproduce the call. */
export function ProtocolPanel({ lane, run, imageUrl, copySnippet, repeat }: ProtocolPanelProps) {
  const client = lane.client;
  return (
    <article className={`panel panel-${run.state}`} data-testid={`panel-${lane.id}`} aria-labelledby={`panel-title-${lane.id}`} aria-busy={run.state === 'running'}>
      <header className="panel-header">
        <h3 id={`panel-title-${lane.id}`}>{lane.title}</h3>
        <span className="panel-state">{stateLabel(run)}</span>
      </header>
      {!client ? (
        <p className="muted unavailable-note">{lane.note ?? 'client not available yet'}</p>
      ) : (
        <>
          {lane.note ? <p className="muted small">{lane.note}</p> : null}
          <PanelBody run={run} imageUrl={imageUrl} />
          {repeat ? (
            <p className="small repeat-line" data-testid="repeat-summary">
              ×{repeat.count}: p50 {formatMs(repeat.p50)} · p95 {formatMs(repeat.p95)}
            </p>
          ) : null}
          <CopyAsButton snippet={() => copySnippet?.() ?? ''} what={lane.copyAs} disabled={!copySnippet} />
        </>
      )}
    </article>
  );
}

function PanelBody({ run, imageUrl }: { run: LaneRun; imageUrl?: string }) {
  if (run.state === 'idle') return <p className="muted small">Press “Send to all protocols”.</p>;
  if (run.state === 'running') return <p className="muted small">Waiting for the answer…</p>;
  if (run.state === 'failed') {
    return (
      <div className="panel-error" data-testid="error" role="alert">
        <p>
          <strong>No answer</strong> after <span data-testid="round-trip">{formatMs(run.elapsedMs)}</span>
        </p>
        <p className="small">{run.message}</p>
      </div>
    );
  }
  const { outcome } = run;
  return (
    <>
      {outcome.ok ? (
        <div data-testid="result" className="panel-result">
          <PredictionView output={outcome.value.output} imageUrl={imageUrl} />
        </div>
      ) : (
        <ProtocolErrorView error={outcome.error} />
      )}
      <OutcomeMetrics outcome={outcome} />
      <WireView wire={outcome.wire} />
    </>
  );
}

function stateLabel(run: LaneRun): string {
  switch (run.state) {
    case 'idle':
      return '';
    case 'running':
      return 'sending…';
    case 'failed':
      return 'no answer';
    case 'done':
      return run.outcome.ok ? 'ok' : 'error';
  }
}
