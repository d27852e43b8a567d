import type { CallOutcome } from '../lib/clients/protocol-client';
import type { TrainResult } from '../lib/contract';
import { equationOf } from './linear-equation';
import { ProtocolErrorView } from './protocol-error-view';
import { formatBytes, formatMs, sixDigits } from './units';
import { WireView } from './wire-view';

/** A trained model: its version, the fitted line and how well it fits, with the call's timings and wire. */
export function TrainResultView({ outcome, columns }: { outcome: CallOutcome<TrainResult>; columns: string[] }) {
  return (
    <div className="outcome" data-testid="train-outcome">
      {outcome.ok ? (
        <div data-testid="result">
          <p>
            Trained <strong>{outcome.value.model.name}</strong> <span className="version-badge">v{outcome.value.model.version}</span> on{' '}
            {outcome.value.samples} {outcome.value.samples === 1 ? 'row' : 'rows'} × {outcome.value.featureCount} {outcome.value.featureCount === 1 ? 'feature' : 'features'}.
          </p>
          <p className="equation">
            <code>
              {columns.at(-1) ?? 'y'} = {equationOf(outcome.value, columns)}
            </code>
          </p>
          <dl className="metrics">
            <div>
              <dt>R²</dt>
              <dd data-testid="r2">{outcome.value.r2.toFixed(4)}</dd>
            </div>
            <div>
              <dt>intercept</dt>
              <dd>{sixDigits(outcome.value.intercept)}</dd>
            </div>
            {outcome.value.coefficients.map((coefficient, i) => (
              <div key={i}>
                <dt>{columns[i] ?? `x${i + 1}`}</dt>
                <dd>{sixDigits(coefficient)}</dd>
              </div>
            ))}
            <div>
              <dt>training</dt>
              <dd>{formatMs(outcome.value.timing.trainingMs)}</dd>
            </div>
            <div>
              <dt>server</dt>
              <dd>{formatMs(outcome.value.timing.serverMs)}</dd>
            </div>
          </dl>
        </div>
      ) : (
        <ProtocolErrorView error={outcome.error} />
      )}
      <p className="small muted">
        round trip <span data-testid="round-trip">{formatMs(outcome.roundTripMs)}</span> · ↑ {formatBytes(outcome.wire.request.bytes)} · ↓{' '}
        {formatBytes(outcome.wire.response.bytes)}
      </p>
      <WireView wire={outcome.wire} />
    </div>
  );
}
