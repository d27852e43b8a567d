import type { DescMessage } from '@bufbuild/protobuf';
import { compressionBrotli, compressionGzip } from '@connectrpc/connect-node';
import { createAsyncIterable, readAllBytes, type UniversalHandler, type UniversalServerRequest } from '@connectrpc/connect/protocol';
import { assertJsonWithinBudget, JSON_BUDGET, type JsonBudget } from '../shared/json-budget';
import { toConnectError } from './error-mapping';
import { assertProtobufWithinBudget, PROTOBUF_BUDGET } from './protobuf-budget';
import { COMPRESSED_FLAG, END_STREAM_FLAG, ENVELOPE_HEADER_BYTES, envelopesOf, inspectingEnvelopes, type Envelope } from './request-envelopes';

// Every request message is checked against the JSON or protobuf budget before connect-es decodes it: a unary (or
// server-streaming) request is read whole here and handed on unchanged; a client stream's messages are checked one by
// one as they arrive. A refused message reaches connect-es as a body that fails when read, so connect-es answers it in
// the protocol's own form: gRPC trailers, a gRPC-Web trailer frame, a Connect error body or end-stream frame.

/** protobuf-es reads JSON into messages (fromJson) far slower than JSON.parse: the budget of its binary form. */
const CONNECT_JSON_BUDGET: JsonBudget = { ...JSON_BUDGET, maxValues: PROTOBUF_BUDGET.maxValues / 2, maxContainers: PROTOBUF_BUDGET.maxMessages };

const compressions = new Map([compressionGzip, compressionBrotli].map((compression) => [compression.name, compression]));

type Body = UniversalServerRequest['body'];
const isByteStream = (body: Body): body is AsyncIterable<Uint8Array> => typeof body === 'object' && body !== null && Symbol.asyncIterator in body;

async function decompressed(data: Uint8Array, encoding: string | null, readMaxBytes: number): Promise<Uint8Array> {
  const compression = encoding ? compressions.get(encoding) : undefined;
  // An encoding connect-es does not accept either: it refuses the request itself.
  return compression ? compression.decompress(data, readMaxBytes) : data;
}

/** Checks one request message, as its codec will read it: JSON or protobuf, compressed or not. */
function messageChecker(schema: DescMessage, header: Headers, readMaxBytes: number) {
  const json = /[/+]json\b/.test(header.get('content-type') ?? '');
  const check = (message: Uint8Array) =>
    json ? assertJsonWithinBudget(new TextDecoder().decode(message), CONNECT_JSON_BUDGET) : assertProtobufWithinBudget(schema, message);
  const envelopeEncoding = header.get('grpc-encoding') ?? header.get('connect-content-encoding');
  return {
    async envelope({ flags, data }: Envelope) {
      if ((flags & END_STREAM_FLAG) !== 0) return;
      check((flags & COMPRESSED_FLAG) === 0 ? data : await decompressed(data, envelopeEncoding, readMaxBytes));
    },
    /** A Connect unary body: the message itself, compressed as Content-Encoding says. */
    async unary(body: Uint8Array) {
      check(await decompressed(body, header.get('content-encoding'), readMaxBytes));
    },
  };
}

const isEnveloped = (header: Headers) => /^application\/(grpc|connect\+)/.test(header.get('content-type') ?? '');

async function* failing(error: unknown): AsyncIterable<Uint8Array> {
  throw toConnectError(error);
}

/** A one-message request, read whole and checked; or a body that fails with the reason it was refused. */
async function checkedWholeBody(request: UniversalServerRequest & { body: AsyncIterable<Uint8Array> }, schema: DescMessage, readMaxBytes: number) {
  try {
    const bytes = await readAllBytes(request.body, readMaxBytes + ENVELOPE_HEADER_BYTES, request.header.get('content-length'));
    const checker = messageChecker(schema, request.header, readMaxBytes);
    if (isEnveloped(request.header)) for (const envelope of envelopesOf(bytes)) await checker.envelope(envelope);
    else await checker.unary(bytes);
    return createAsyncIterable([bytes]);
  } catch (error) {
    return failing(error);
  }
}

async function* checkedStream(body: AsyncIterable<Uint8Array>, check: (envelope: Envelope) => Promise<void>, readMaxBytes: number) {
  try {
    yield* inspectingEnvelopes(body, readMaxBytes, check);
  } catch (error) {
    throw toConnectError(error);
  }
}

/** Wraps a router handler so every request message is held to the JSON or protobuf budget before it is decoded. */
export function budgetingRequests(handler: UniversalHandler, readMaxBytes: number): UniversalHandler {
  const { input, methodKind } = handler.method;
  const oneMessage = methodKind === 'unary' || methodKind === 'server_streaming';
  const wrapped = async (request: UniversalServerRequest) => {
    if (!isByteStream(request.body)) return handler(request);
    const body = oneMessage
      ? await checkedWholeBody({ ...request, body: request.body }, input, readMaxBytes)
      : checkedStream(request.body, messageChecker(input, request.header, readMaxBytes).envelope, readMaxBytes);
    return handler({ ...request, body });
  };
  return Object.assign(wrapped, handler);
}
