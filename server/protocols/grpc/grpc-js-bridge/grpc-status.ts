import type { ConnectError } from '@connectrpc/connect';
import { setTrailerStatus } from '@connectrpc/connect/protocol-grpc';
import { Metadata, type StatusObject } from '@grpc/grpc-js';

// Headers (what connect-es handlers read and write) and grpc-js Metadata carry the same HTTP/2 fields; only binary
// ("-bin") values differ: base64 text on the wire and in Headers, Buffers in Metadata.

const isBinaryKey = (key: string) => key.endsWith('-bin');

/** A call's request metadata as the header fields connect-es hands a handler. */
export function headerFieldsOf(metadata: Metadata): [string, string][] {
  const fields: [string, string][] = [];
  for (const [key, values] of Object.entries(metadata.toJSON())) {
    for (const value of values) fields.push([key, typeof value === 'string' ? value : value.toString('base64')]);
  }
  return fields;
}

function addField(metadata: Metadata, key: string, value: string) {
  if (!isBinaryKey(key)) metadata.add(key, value);
  else for (const each of value.split(',')) metadata.add(key, Buffer.from(each.trim(), 'base64'));
}

/** Response headers, trailers or an error's metadata as grpc-js metadata. */
export function metadataOf(headers: Headers): Metadata {
  const metadata = new Metadata();
  headers.forEach((value, key) => {
    try {
      addField(metadata, key, value);
    } catch {
      // A field grpc-js refuses to send (a value outside printable ASCII, say) is left out rather than failing the call.
    }
  });
  return metadata;
}

/** Whether no field is set (Headers has no size). */
export function isEmpty(headers: Headers): boolean {
  for (const _ of headers.keys()) return false;
  return true;
}

// grpc-js percent-encodes grpc-message with encodeURI, which throws on a lone surrogate.
const wellFormed = (text: string) => text.replace(/\p{Surrogate}/gu, '\uFFFD');

/**
 * A ConnectError as the status grpc-js ends a call with: its code and message, then `trailer` and the error's metadata
 * and details (grpc-status-details-bin) as trailers, as connect-es's own gRPC handler sends them.
 */
export function grpcStatusOf(error: ConnectError, trailer?: Headers): StatusObject {
  const trailers = setTrailerStatus(new Headers(trailer), error);
  // grpc-js writes these two itself, from the status.
  trailers.delete('grpc-status');
  trailers.delete('grpc-message');
  return { code: error.code as number, details: wellFormed(error.rawMessage), metadata: metadataOf(trailers) };
}
