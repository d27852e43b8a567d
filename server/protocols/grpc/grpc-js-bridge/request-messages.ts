import { fromBinary, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import { Code, ConnectError } from '@connectrpc/connect';
import type { Readable } from 'node:stream';

/** Checks a request message's bytes before they are parsed, and throws to refuse them (a parse budget, say). */
export type RequestInspector = (schema: DescMessage, bytes: Uint8Array) => void;

/**
 * Parses the request messages of `schema`. grpc-js hands the handler bytes (its deserializer is the identity), so a
 * message that is not valid protobuf ends the call with the handler's error rather than grpc-js's own INTERNAL.
 */
export function requestParser<Schema extends DescMessage>(schema: Schema, inspect?: RequestInspector) {
  return (bytes: Uint8Array): MessageShape<Schema> => {
    inspect?.(schema, bytes);
    try {
      return fromBinary(schema, bytes);
    } catch (error) {
      throw new ConnectError(`parse binary: ${error instanceof Error ? error.message : String(error)}`, Code.InvalidArgument, undefined, undefined, error);
    }
  };
}

/** The request messages of a call that streams them (bidi), parsed as the implementation reads them. */
export async function* requestMessagesOf<Message>(call: Readable, parse: (bytes: Uint8Array) => Message): AsyncIterable<Message> {
  // The call is the response's writable side too: a handler that stops reading must not destroy it before its status.
  for await (const bytes of call.iterator({ destroyOnReturn: false })) yield parse(bytes as Uint8Array);
}
