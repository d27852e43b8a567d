import type { CallOutcome } from '../lib/clients/protocol-client';
import type { PredictionResult } from '../lib/contract';
import { TimingBreakdown } from './timing-breakdown';
import { formatBytes, formatMs } from './units';

/**
 * The round trip measured here in the browser, the bytes each way, and where the call's time went. A lane in the page
 * (`inPage`) has no round trip and no bytes on a wire: its time is compute.
 */
export function OutcomeMetrics({ outcome, inPage = false }: { outcome: CallOutcome<PredictionResult>; inPage?: boolean }) {
  return (
    <>
      <dl className="metrics">
        <div>
          <dt>{inPage ? 'compute' : 'round trip'}</dt>
          <dd data-testid="round-trip">{formatMs(outcome.roundTripMs)}</dd>
        </div>
        {inPage ? null : (
          <>
            <div>
              <dt>request</dt>
              <dd>{formatBytes(outcome.wire.request.bytes)}</dd>
            </div>
            <div>
              <dt>response</dt>
              <dd>{formatBytes(outcome.wire.response.bytes)}</dd>
            </div>
          </>
        )}
        {outcome.ok ? (
          <div className="metric-wide">
            <dt>model</dt>
            <dd>
              {outcome.value.model.name} v{outcome.value.model.version}
              {outcome.value.cached ? (
                <span className="cached-tag" title="Answered from the server's prediction cache (same model version and input): no model ran" data-testid="cached">
                  {' '}
                  · from cache
                </span>
              ) : null}
            </dd>
          </div>
        ) : null}
      </dl>
      {outcome.timing ? <TimingBreakdown roundTripMs={outcome.roundTripMs} timing={outcome.timing} /> : null}
    </>
  );
}
