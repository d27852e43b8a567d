import { toBinary, toJsonString, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import { Code, ConnectError, createContextKey, type Interceptor } from '@connectrpc/connect';
import { ModelWireError } from '../model-wire-error';
import { shownHeaders } from './authorization-header';
import type { ProtocolError, WireMessage } from './protocol-client';
import { SHOWN_BYTES, withShortBytes } from './protobuf-shown';
import { byteLength, shorten, toHex } from './wire-format';

// What a gRPC-Web or Connect call carried, seen from an interceptor: the method path, the headers, the trailers
// (grpc-status), and each protobuf message both decoded (JSON) and encoded (hex), with its size on the wire.

export type GrpcWireFormat = 'grpc-web' | 'connect';

export const WIRE_FORMAT_LABELS: Record<GrpcWireFormat, string> = { 'grpc-web': 'gRPC-Web', connect: 'Connect' };

/** "INVALID_ARGUMENT" for Code.InvalidArgument: the canonical gRPC status names. */
export const grpcStatusName = (code: Code) => Code[code].replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();

/** A failed call in gRPC's words: its status, and the contract's code from the "modelwire-code" metadata. */
export function grpcErrorOf(error: ConnectError): ProtocolError {
  const code = error.metadata.get('modelwire-code');
  return { code: ModelWireError.isCode(code) ? code : 'internal', message: error.rawMessage, native: `${grpcStatusName(error.code)} (${error.code})` };
}

/** What the interceptor saw of one call; handed to it through the call's context values. */
export interface WireRecord {
  path?: string;
  requestHeader?: Headers;
  responseHeader?: Headers;
  responseTrailer?: Headers;
}

export const wireRecordKey = createContextKey<WireRecord | undefined>(undefined, { description: 'wire record of one call' });

export const recordingInterceptor: Interceptor = (next) => async (request) => {
  const record = request.contextValues.get(wireRecordKey);
  if (record) {
    record.path = new URL(request.url).pathname;
    record.requestHeader = new Headers(request.header);
  }
  const response = await next(request);
  if (record) {
    record.responseHeader = response.header;
    record.responseTrailer = response.trailer;
  }
  return response;
};

/** True when the error came back from a server (with headers or trailers), not from a failed fetch. */
export const answeredByServer = (error: ConnectError) => error.metadata.has('content-type') || error.metadata.has('grpc-status');

const entries = (headers: Headers | undefined): Array<[string, string]> => (headers ? [...headers] : []);
const ENVELOPE_BYTES = 5;

function messageOnWire<Desc extends DescMessage>(format: GrpcWireFormat, schema: Desc, message: MessageShape<Desc>) {
  const { shown, cutBytes } = withShortBytes(schema, message);
  const note = cutBytes > 0 ? `\n(bytes fields cut to their first ${SHOWN_BYTES} bytes here, and in the hex; the size is the whole message's)` : '';
  const body = shorten(toJsonString(schema, shown, { prettySpaces: 2 })) + note;
  if (format === 'connect') return { body, bytes: byteLength(toJsonString(schema, message)) };
  const binary = toBinary(schema, shown);
  return { body, bytes: ENVELOPE_BYTES + binary.length + cutBytes, hex: toHex(binary) };
}

/** gRPC-Web sends trailers as a last length-prefixed frame of "name: value\r\n" lines. */
const trailerFrameBytes = (format: GrpcWireFormat, trailer: Headers | undefined) =>
  format === 'grpc-web' && trailer ? ENVELOPE_BYTES + byteLength(entries(trailer).map(([name, value]) => `${name}: ${value}\r\n`).join('')) : 0;

export function requestWire<Desc extends DescMessage>(format: GrpcWireFormat, record: WireRecord, schema: Desc, message: MessageShape<Desc>): WireMessage {
  return { summary: `${WIRE_FORMAT_LABELS[format]} POST ${record.path ?? ''}`, headers: shownHeaders(entries(record.requestHeader)), ...messageOnWire(format, schema, message) };
}

export function responseWire<Desc extends DescMessage>(format: GrpcWireFormat, record: WireRecord, schema: Desc, message: MessageShape<Desc>): WireMessage {
  const onWire = messageOnWire(format, schema, message);
  const trailers = entries(record.responseTrailer).map(([name, value]): [string, string] => [`(trailer) ${name}`, value]);
  return {
    summary: `${WIRE_FORMAT_LABELS[format]} status OK (0)`,
    headers: [...entries(record.responseHeader), ...trailers],
    ...onWire,
    bytes: onWire.bytes + trailerFrameBytes(format, record.responseTrailer),
  };
}

const isTrailer = (name: string) => name.startsWith('grpc-') || name === 'modelwire-code';

/** A failed call: connect-es hands over headers and trailers together as the error's metadata. */
export function errorWire(format: GrpcWireFormat, error: ConnectError): WireMessage {
  const metadata = entries(error.metadata);
  const connectBody = JSON.stringify({ code: grpcStatusName(error.code).toLowerCase(), message: error.rawMessage });
  return {
    summary: `${WIRE_FORMAT_LABELS[format]} status ${grpcStatusName(error.code)} (${error.code}): ${error.rawMessage}`,
    headers: metadata,
    body: format === 'connect' ? connectBody : '',
    // gRPC-Web: the trailer frame (grpc-status, grpc-message, modelwire-code); Connect: a JSON error body.
    bytes: format === 'grpc-web' ? trailerFrameBytes(format, new Headers(metadata.filter(([name]) => isTrailer(name)))) : byteLength(connectBody),
  };
}
