import type { WireExchange, WireMessage } from '../lib/clients/protocol-client';
import { formatBytes } from './units';

function MessageView({ title, message }: { title: string; message: WireMessage }) {
  return (
    <section className="wire-message" aria-label={title}>
      <h4>
        {title} <span className="muted">· {formatBytes(message.bytes)}</span>
      </h4>
      <pre className="wire-text">
        <span className="wire-summary">{message.summary}</span>
        {message.headers.length > 0 ? `\n${message.headers.map(([name, value]) => `${name}: ${value}`).join('\n')}` : ''}
        {message.body ? `\n\n${message.body}` : ''}
      </pre>
      {message.hex ? (
        <details className="wire-hex">
          <summary>Bytes as hex</summary>
          <pre className="wire-text">{message.hex}</pre>
        </details>
      ) : null}
    </section>
  );
}

/**
 * The request and the response exactly as the protocol carried them: summary line, headers, body, bytes. For a lane in
 * the page (`inPage`) nothing crossed a wire: the same view shows the tensors that went into the model and came out.
 */
export function WireView({ wire, open = false, inPage = false }: { wire: WireExchange; open?: boolean; inPage?: boolean }) {
  return (
    <details className="wire" data-testid="wire" open={open}>
      <summary>
        {inPage ? 'Tensors in and out' : 'On the wire'}{' '}
        <span className="muted">
          {inPage ? 'in' : '↑'} {formatBytes(wire.request.bytes)} · {inPage ? 'out' : '↓'} {formatBytes(wire.response.bytes)}
        </span>
      </summary>
      <MessageView title={inPage ? 'Into the model' : 'Request'} message={wire.request} />
      <MessageView title={inPage ? 'Out of the model' : 'Response'} message={wire.response} />
    </details>
  );
}
