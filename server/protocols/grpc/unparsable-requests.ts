import { Code, ConnectError } from '@connectrpc/connect';
import { createAsyncIterable, encodeEnvelope, readAllBytes, type UniversalHandler, type UniversalServerResponse } from '@connectrpc/connect/protocol';
import { codeToHttpStatus, endStreamFlag, endStreamFromJson, endStreamToJson, errorFromJsonBytes, errorToJsonBytes } from '@connectrpc/connect/protocol-connect';
import { findTrailerError, setTrailerStatus } from '@connectrpc/connect/protocol-grpc';
import { trailerFlag, trailerParse, trailerSerialize } from '@connectrpc/connect/protocol-grpc-web';
import { contractErrorInsteadOf, MODELWIRE_CODE_KEY } from './error-mapping';

// connect-es parses a unary request before any interceptor runs and answers a parse failure itself, so the error
// mapping interceptor never sees it. This wrapper rewrites that answer in each protocol's own form: the gRPC trailers,
// the gRPC-Web trailer frame, the Connect end-stream frame, or the Connect unary error body.

function fixTrailer(trailer: Headers): Headers {
  const error = findTrailerError(trailer);
  const replacement = error && contractErrorInsteadOf(error);
  if (replacement) setTrailerStatus(trailer, replacement);
  return trailer;
}

/** A gRPC-Web trailer frame or a Connect end-stream frame, rewritten; message frames (and compressed ones) unchanged. */
function fixFrame(frame: Uint8Array): Uint8Array {
  if (frame[0] === trailerFlag) return encodeEnvelope(trailerFlag, trailerSerialize(fixTrailer(trailerParse(frame.subarray(5)))));
  if (frame[0] !== endStreamFlag) return frame;
  const { metadata, error } = endStreamFromJson(frame.subarray(5));
  const replacement = error && contractErrorInsteadOf(error);
  if (!replacement) return frame;
  return encodeEnvelope(endStreamFlag, new TextEncoder().encode(JSON.stringify(endStreamToJson(metadata, replacement, undefined))));
}

async function* fixedFrames(body: AsyncIterable<Uint8Array>, trailer: Headers | undefined) {
  for await (const frame of body) yield fixFrame(frame);
  // The gRPC trailers are sent once the body has ended, so they can still be rewritten here.
  if (trailer) fixTrailer(trailer);
}

async function fixedUnaryError(response: UniversalServerResponse, body: AsyncIterable<Uint8Array>): Promise<UniversalServerResponse> {
  const bytes = await readAllBytes(body, Number.MAX_SAFE_INTEGER);
  const replacement = contractErrorInsteadOf(errorFromJsonBytes(bytes, undefined, new ConnectError('internal error', Code.Internal)));
  if (!replacement) return { ...response, body: createAsyncIterable([bytes]) };
  const json = errorToJsonBytes(replacement, undefined);
  const header = new Headers(response.header);
  replacement.metadata.forEach((value, key) => header.set(key, value));
  header.set('content-length', String(json.byteLength));
  return { ...response, status: codeToHttpStatus(replacement.code), header, body: createAsyncIterable([json]) };
}

/** The router's handler, answering a request message that is not valid protobuf (or too large) with the contract's code in every protocol. */
export function answeringUnparsableRequests(handler: UniversalHandler): UniversalHandler {
  const wrapped = async (request: Parameters<UniversalHandler>[0]): Promise<UniversalServerResponse> => {
    const response = await handler(request);
    if (!response.body) return response;
    const isConnectUnaryError =
      [Code.Internal, Code.ResourceExhausted, Code.InvalidArgument, Code.Unimplemented].some((code) => response.status === codeToHttpStatus(code)) && response.header?.get('content-type') === 'application/json';
    // Our own errors carry modelwire-code, as a header in Connect's unary form: those need no rewriting.
    const oursAlready = response.header?.has(MODELWIRE_CODE_KEY) || response.header?.has(`trailer-${MODELWIRE_CODE_KEY}`);
    if (isConnectUnaryError && !oursAlready) return fixedUnaryError(response, response.body);
    if (isConnectUnaryError) return response;
    return { ...response, body: fixedFrames(response.body, response.trailer) };
  };
  return Object.assign(wrapped, handler);
}
