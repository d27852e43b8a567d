import type { OutgoingHttpHeaders } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type { connectNodeAdapter } from '@connectrpc/connect-node';

// Workaround for https://github.com/grpc/grpc-node/pull/1195 (grpc-js decodes grpc-message with decodeURI, connect-es encodes it with encodeURIComponent): re-encode the trailer as the gRPC spec says.
const isPrintableAscii = (byte: number) => byte >= 0x20 && byte <= 0x7e && byte !== 0x25;

/**
 * connect-es percent-encodes grpc-message with encodeURIComponent (":" becomes "%3A"), and grpc-js decodes it with
 * decodeURI, which leaves "%3A", "%2C", "%2F", ... in the text. The gRPC spec percent-encodes only bytes outside
 * 0x20–0x7E and "%" itself, which every client decodes the same way.
 */
export function specEncodedGrpcMessage(encoded: string): string {
  let text: string;
  try {
    text = decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
  return Array.from(Buffer.from(text, 'utf8'), (byte) =>
    isPrintableAscii(byte) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
  ).join('');
}

function withSpecGrpcMessage(headers: OutgoingHttpHeaders): OutgoingHttpHeaders {
  const message = headers['grpc-message'];
  return typeof message === 'string' ? { ...headers, 'grpc-message': specEncodedGrpcMessage(message) } : headers;
}

/** Wraps connect-node's handler for the native HTTP/2 listener so its grpc-message trailer follows the spec. */
export function encodingGrpcMessageBySpec(handler: ReturnType<typeof connectNodeAdapter>) {
  return (request: Http2ServerRequest, response: Http2ServerResponse): void => {
    const addTrailers = response.addTrailers.bind(response);
    response.addTrailers = (headers: OutgoingHttpHeaders) => addTrailers(withSpecGrpcMessage(headers));
    handler(request, response);
  };
}
