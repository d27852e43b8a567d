import { accessHintOf } from '../lib/clients/access-hint';
import type { ProtocolError } from '../lib/clients/protocol-client';

/**
 * An error in the protocol's own words first (HTTP status, SOAP Fault, gRPC status ...), then the contract's code and
 * message; a refusal a sign-in can fix says so in plain words.
 */
export function ProtocolErrorView({ error }: { error: ProtocolError }) {
  const hint = accessHintOf(error);
  return (
    <div className="panel-error" data-testid="error" role="alert">
      <p>
        <strong className="native-error">{error.native}</strong>
      </p>
      {hint ? (
        <p className="access-hint" data-testid="access-hint">
          {hint}
        </p>
      ) : null}
      <p className="small">
        <code>{error.code}</code> — {error.message}
      </p>
      {error.details && Object.keys(error.details).length > 0 ? (
        <pre className="error-details small">{JSON.stringify(error.details, null, 2)}</pre>
      ) : null}
    </div>
  );
}
