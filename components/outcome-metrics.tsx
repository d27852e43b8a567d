import type { CallOutcome } from '../lib/clients/protocol-client';
import type { PredictionResult } from '../lib/contract';
import { TimingBreakdown } from './timing-breakdown';
import { formatBytes, formatMs } from './units';

/** The round trip measured here in the browser, the bytes each way, and where the call's time went. */
export function OutcomeMetrics({ outcome }: { outcome: CallOutcome<PredictionResult> }) {
  return (
    <>
      <dl className="metrics">
        <div>
          <dt>round trip</dt>
          <dd data-testid="round-trip">{formatMs(outcome.roundTripMs)}</dd>
        </div>
        <div>
          <dt>request</dt>
          <dd>{formatBytes(outcome.wire.request.bytes)}</dd>
        </div>
        <div>
          <dt>response</dt>
          <dd>{formatBytes(outcome.wire.response.bytes)}</dd>
        </div>
        {outcome.ok ? (
          <div className="metric-wide">
            <dt>model</dt>
            <dd>
              {outcome.value.model.name} v{outcome.value.model.version}
            </dd>
          </div>
        ) : null}
      </dl>
      {outcome.timing ? <TimingBreakdown roundTripMs={outcome.roundTripMs} timing={outcome.timing} /> : null}
    </>
  );
}
