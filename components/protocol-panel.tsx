import { memo } from 'react';
import type { Lane } from '../lib/clients/create-clients';
import type { LatencySummary } from '../lib/latency-stats';
import { CopyAsButton } from './copy-as-button';
import type { LaneRun, PredictCall } from './lane-run';
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
  /** The call this lane's "copy as" snippet reproduces; absent while there is no valid input. */
  call?: PredictCall;
  /** The latest repeat run's round-trip distribution for this lane. */
  repeat?: LatencySummary;
  /** Why this lane does not run the chosen model, e.g. "not available for this model". */
  unavailable?: string;
}

/** One lane of the playground: the answer, its timings and sizes, the wire, and a way to reproduce the call. */
// Memoized: when one lane answers, only its panel renders again, not all seven (the page stays responsive mid-send).
export const ProtocolPanel = memo(function ProtocolPanel({ lane, run, imageUrl, call, repeat, unavailable }: ProtocolPanelProps) {
  const client = unavailable ? undefined : lane.client;
  const copySnippet = client && call ? () => client.copyAs(call.model, call.input, call.options) : undefined;
  return (
    <article className={`panel panel-${run.state}`} data-testid={`panel-${lane.id}`} aria-labelledby={`panel-title-${lane.id}`} aria-busy={run.state === 'running'}>
      <header className="panel-header">
        <h3 id={`panel-title-${lane.id}`}>{lane.title}</h3>
        <span className="panel-state">{stateLabel(run)}</span>
      </header>
      {!client ? (
        <p className="muted unavailable-note" data-testid="unavailable">
          {unavailable ?? lane.note ?? 'client not available yet'}
        </p>
      ) : (
        <>
          {lane.note ? <p className="muted small">{lane.note}</p> : null}
          <PanelBody run={run} imageUrl={imageUrl} inPage={lane.inPage ?? false} />
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
});

// Memoized apart: a keystroke gives the panel a new `call` (for its copy-as snippet), not a new answer to draw.
const PanelBody = memo(function PanelBody({ run, imageUrl, inPage }: { run: LaneRun; imageUrl?: string; inPage: boolean }) {
  if (run.state === 'idle') return <p className="muted small">Press “Send to all protocols”.</p>;
  if (run.state === 'running') return <p className="muted small">{inPage ? 'Running the model in this tab…' : 'Waiting for the answer…'}</p>;
  if (run.state === 'cancelled') {
    return (
      <p className="muted small" data-testid="cancelled">
        Cancelled after {formatMs(run.elapsedMs)}; an answer that still comes is not shown.
      </p>
    );
  }
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
      <OutcomeMetrics outcome={outcome} inPage={inPage} />
      <WireView wire={outcome.wire} inPage={inPage} />
    </>
  );
});

function stateLabel(run: LaneRun): string {
  switch (run.state) {
    case 'idle':
      return '';
    case 'running':
      return 'sending…';
    case 'failed':
      return 'no answer';
    case 'cancelled':
      return 'cancelled';
    case 'done':
      return run.outcome.ok ? 'ok' : 'error';
  }
}
