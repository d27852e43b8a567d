import { constants, type Http2Server } from 'node:http2';
import type { ServiceImplSpec } from '@connectrpc/connect';
import { methodPathOf } from './grpc-js-bridge';

/** The paths of the client-streaming and bidi methods: their requests stay open by design, so no deadline applies. */
export function openRequestPathsOf(services: readonly ServiceImplSpec[]): Set<string> {
  const streamsRequests = (kind: string) => kind === 'client_streaming' || kind === 'bidi_streaming';
  const methods = services.flatMap((service) => Object.values(service.methods));
  return new Set(methods.filter((spec) => streamsRequests(spec.kind)).map((spec) => methodPathOf(spec.method)));
}

/**
 * node:http2, and grpc-js on it, has no request timeout: a stream whose request never ends stays open as long as its
 * connection. Here a unary or server-streaming call whose request has not ended within `requestTimeoutMs` is reset
 * (RST_STREAM CANCEL); its answer, and a server stream like WatchSentiment, may then run as long as it needs.
 */
export function enforceRequestDeadlines(server: Http2Server, requestTimeoutMs: number, openRequestPaths: ReadonlySet<string>): void {
  server.on('stream', (stream, headers) => {
    if (openRequestPaths.has(String(headers[':path']).split('?', 1)[0]!)) return;
    const deadline = setTimeout(() => {
      if (!stream.closed && !stream.state.remoteClose) stream.close(constants.NGHTTP2_CANCEL);
    }, requestTimeoutMs);
    deadline.unref();
    stream.once('close', () => clearTimeout(deadline));
  });
}
