import type { CallOutcome } from '../lib/clients/protocol-client';
import type { PredictionResult } from '../lib/contract';
import { formatBytes, formatMs } from './units';

/** Round trip measured here in the browser, the server's own timings, and the bytes each way. */
export function OutcomeMetrics({ outcome }: { outcome: CallOutcome<PredictionResult> }) {
  const timing = outcome.ok ? outcome.value.timing : undefined;
  return (
    <dl className="metrics">
      <div>
        <dt>round trip</dt>
        <dd data-testid="round-trip">{formatMs(outcome.roundTripMs)}</dd>
      </div>
      <div>
        <dt>server</dt>
        <dd data-testid="server-ms">{timing ? formatMs(timing.serverMs) : '–'}</dd>
      </div>
      <div>
        <dt>inference</dt>
        <dd data-testid="inference-ms">{timing ? formatMs(timing.inferenceMs) : '–'}</dd>
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
  );
}
