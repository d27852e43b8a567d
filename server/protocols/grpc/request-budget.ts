import { compressionBrotli, compressionGzip } from '@connectrpc/connect-node';
import { createAsyncIterable, readAllBytes, type UniversalHandler, type UniversalServerRequest } from '@connectrpc/connect/protocol';
import { assertJsonWithinBudget, JSON_BUDGET, type JsonBudget } from '../shared/json-budget';
import { toConnectError } from './error-mapping';
import { assertProtobufWithinBudget, PROTOBUF_BUDGET } from './protobuf-budget';

// A unary request is read whole here, its message checked against the JSON or protobuf budget, and handed on to
// connect-es unchanged. Whatever is refused (too large, over budget) reaches connect-es as a body that fails when read,
// so connect-es answers it in the protocol's own form: gRPC trailers, a gRPC-Web trailer frame, a Connect error body.

/** protobuf-es reads JSON into messages (fromJson) far slower than JSON.parse: the budget of its binary form. */
const CONNECT_JSON_BUDGET: JsonBudget = { ...JSON_BUDGET, maxValues: PROTOBUF_BUDGET.maxValues / 2, maxContainers: PROTOBUF_BUDGET.maxMessages };

const ENVELOPE_HEADER_BYTES = 5;
const COMPRESSED_FLAG = 0b1;
const END_STREAM_FLAG = 0b10;
const compressions = new Map([compressionGzip, compressionBrotli].map((compression) => [compression.name, compression]));

type Body = UniversalServerRequest['body'];
const isByteStream = (body: Body): body is AsyncIterable<Uint8Array> => typeof body === 'object' && body !== null && Symbol.asyncIterator in body;

function envelopesOf(bytes: Uint8Array): { flags: number; data: Uint8Array }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const envelopes = [];
  for (let at = 0; at + ENVELOPE_HEADER_BYTES <= bytes.byteLength; ) {
    const end = at + ENVELOPE_HEADER_BYTES + view.getUint32(at + 1);
    envelopes.push({ flags: bytes[at]!, data: bytes.subarray(at + ENVELOPE_HEADER_BYTES, end) });
    at = end;
  }
  return envelopes;
}

async function decompressed(data: Uint8Array, encoding: string | null, readMaxBytes: number): Promise<Uint8Array> {
  const compression = encoding ? compressions.get(encoding) : undefined;
  // An encoding connect-es does not accept either: it refuses the request itself.
  return compression ? compression.decompress(data, readMaxBytes) : data;
}

/** The request's messages as the method's codec will read them: gRPC and gRPC-Web and Connect streams are enveloped. */
async function messagesOf(header: Headers, bytes: Uint8Array, readMaxBytes: number): Promise<Uint8Array[]> {
  const contentType = header.get('content-type') ?? '';
  if (!/^application\/(grpc|connect\+)/.test(contentType)) return [await decompressed(bytes, header.get('content-encoding'), readMaxBytes)];
  const encoding = header.get('grpc-encoding') ?? header.get('connect-content-encoding');
  const messages = envelopesOf(bytes).filter(({ flags }) => (flags & END_STREAM_FLAG) === 0);
  return Promise.all(messages.map(({ flags, data }) => ((flags & COMPRESSED_FLAG) === 0 ? data : decompressed(data, encoding, readMaxBytes))));
}

async function* failing(error: unknown): AsyncIterable<Uint8Array> {
  throw toConnectError(error);
}

/** Wraps a router handler so a unary request's message is held to the JSON or protobuf budget before it is decoded. */
export function budgetingUnaryRequests(handler: UniversalHandler, readMaxBytes: number): UniversalHandler {
  if (handler.method.methodKind !== 'unary') return handler;
  const wrapped = async (request: UniversalServerRequest) => {
    if (!isByteStream(request.body)) return handler(request);
    let body: AsyncIterable<Uint8Array>;
    try {
      const bytes = await readAllBytes(request.body, readMaxBytes + ENVELOPE_HEADER_BYTES, request.header.get('content-length'));
      const json = /[/+]json\b/.test(request.header.get('content-type') ?? '');
      for (const message of await messagesOf(request.header, bytes, readMaxBytes)) {
        if (json) assertJsonWithinBudget(new TextDecoder().decode(message), CONNECT_JSON_BUDGET);
        else assertProtobufWithinBudget(handler.method.input, message);
      }
      body = createAsyncIterable([bytes]);
    } catch (error) {
      body = failing(error);
    }
    return handler({ ...request, body });
  };
  return Object.assign(wrapped, handler);
}
