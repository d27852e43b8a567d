import type { ProtocolError } from '../lib/clients/protocol-client';

/** An error in the protocol's own words first (HTTP status, SOAP Fault, gRPC status ...), then the contract's code and message. */
export function ProtocolErrorView({ error }: { error: ProtocolError }) {
  return (
    <div className="panel-error" data-testid="error" role="alert">
      <p>
        <strong className="native-error">{error.native}</strong>
      </p>
      <p className="small">
        <code>{error.code}</code> — {error.message}
      </p>
      {error.details && Object.keys(error.details).length > 0 ? (
        <pre className="error-details small">{JSON.stringify(error.details, null, 2)}</pre>
      ) : null}
    </div>
  );
}
