import { constants, type Http2Server } from 'node:http2';
import { createConnectRouter, type ConnectRouter } from '@connectrpc/connect';

export interface StreamDeadlineOptions {
  /** A call's request (its one message, END_STREAM included) must arrive within this, or the stream is reset. */
  requestTimeoutMs: number;
  /** A connection with no open stream that stays silent this long is closed with GOAWAY. */
  sessionIdleMs: number;
  /** Paths of client-streaming and bidi methods: their requests stay open by design, so no deadline applies. */
  openRequestPaths: ReadonlySet<string>;
}

/** The request paths of the client-streaming and bidi methods the routes register. */
export function openRequestPathsOf(routes: (router: ConnectRouter) => void): Set<string> {
  const router = createConnectRouter();
  routes(router);
  const streamsRequests = (kind: string) => kind === 'client_streaming' || kind === 'bidi_streaming';
  return new Set(router.handlers.filter((handler) => streamsRequests(handler.method.methodKind)).map((handler) => handler.requestPath));
}

/**
 * node:http2 has no request timeout of its own: a stream whose body never ends stays open as long as its connection.
 * Here a unary or server-streaming call whose request has not ended within `requestTimeoutMs` is reset (RST_STREAM
 * CANCEL); its answer, and a server stream like WatchSentiment, may then run as long as it needs. Idle connections
 * are closed, but never one with a stream open, however quiet.
 */
export function enforceStreamDeadlines(server: Http2Server, { requestTimeoutMs, sessionIdleMs, openRequestPaths }: StreamDeadlineOptions): void {
  server.on('session', (session) => {
    let openStreams = 0;
    session.setTimeout(sessionIdleMs);
    session.on('timeout', () => {
      if (openStreams === 0) session.close();
    });
    session.on('stream', (stream) => {
      openStreams++;
      stream.once('close', () => {
        openStreams--;
        // The idle timer fired (and was skipped) while a quiet stream was open: start it again now.
        if (openStreams === 0 && !session.closed && !session.destroyed) session.setTimeout(sessionIdleMs);
      });
    });
  });

  server.on('stream', (stream, headers) => {
    if (openRequestPaths.has(String(headers[':path']).split('?', 1)[0]!)) return;
    const deadline = setTimeout(() => {
      if (!stream.closed && !stream.state.remoteClose) stream.close(constants.NGHTTP2_CANCEL);
    }, requestTimeoutMs);
    deadline.unref();
    stream.once('close', () => clearTimeout(deadline));
  });
}
