import type { Http2Server, OutgoingHttpHeaders } from 'node:http2';
import { Code, ConnectError } from '@connectrpc/connect';
import { status } from '@grpc/grpc-js';
import { invalidInput, ModelWireError } from '../../../lib/model-wire-error';
import { MODELWIRE_CODE_KEY, toConnectError } from './error-mapping';
import { grpcStatusOf } from './grpc-js-bridge';

// grpc-js answers some requests itself, before any handler runs, with statuses that carry no modelwire-code. They are
// rewritten here on their way out with the contract's code, as unparsable-requests.ts does for connect-es on the API port.

/** Named to grpc-js as the encoding of a request that names none, so that a message flagged compressed is refused. */
const NO_ENCODING = 'modelwire-none';

interface Refusal {
  status: status;
  /** grpc-js's wording, which tells its refusals apart. */
  says: RegExp;
  instead: (text: string) => ConnectError;
}

const REFUSALS: Refusal[] = [
  {
    status: status.RESOURCE_EXHAUSTED,
    says: /^Received message (larger than max|that decompresses to a size larger than)/,
    instead: (text) => toConnectError(new ModelWireError('too_large', `The request message is too large (${text}).`)),
  },
  {
    status: status.UNIMPLEMENTED,
    says: /^Received (a second|no) request message/,
    instead: (text) => toConnectError(invalidInput(`A unary or server-streaming call carries exactly one request message (${text}).`)),
  },
  {
    status: status.INTERNAL,
    says: /^Failed to decompress message/,
    instead: (text) => toConnectError(invalidInput(`The request message is not validly compressed (${text}).`)),
  },
  {
    // The gRPC spec makes this a protocol error; grpc-js would read the message as uncompressed.
    status: status.UNIMPLEMENTED,
    says: new RegExp(`unsupported encoding "${NO_ENCODING}"`),
    instead: () => new ConnectError('A message is flagged compressed, but the request names no grpc-encoding.', Code.Internal),
  },
];

function decodedGrpcMessage(value: OutgoingHttpHeaders[string]): string {
  try {
    return decodeURI(String(value ?? ''));
  } catch {
    return String(value);
  }
}

/** The status fields (headers of a trailers-only answer, or trailers) with the contract's error instead of one of grpc-js's refusals. */
export function contractStatusInsteadOf(fields: OutgoingHttpHeaders): OutgoingHttpHeaders {
  if (fields['grpc-status'] === undefined || fields[MODELWIRE_CODE_KEY] !== undefined) return fields;
  const text = decodedGrpcMessage(fields['grpc-message']);
  const refusal = REFUSALS.find((each) => each.status === Number(fields['grpc-status']) && each.says.test(text));
  if (!refusal) return fields;
  const { code, details, metadata } = grpcStatusOf(refusal.instead(text));
  // grpc-js percent-encodes grpc-message with encodeURI, and its clients decode it with decodeURI.
  return { ...fields, 'grpc-status': code, 'grpc-message': encodeURI(details), ...metadata.toHttp2Headers() };
}

/** Rewrites grpc-js's refusals on `server` (see contractStatusInsteadOf), and has it refuse compressed messages of requests that name no encoding. */
export function answeringGrpcJsRefusals(server: Http2Server): void {
  // Before grpc-js's own listener, which reads the headers and may answer at once.
  server.prependListener('stream', (stream, headers) => {
    const encoding = headers['grpc-encoding'];
    // grpc-js decodes only messages flagged compressed with the encoding it is told: the others are unaffected.
    if (encoding === undefined || encoding === 'identity') headers['grpc-encoding'] = NO_ENCODING;
    const respond = stream.respond.bind(stream);
    stream.respond = (fields, options) => respond(fields && contractStatusInsteadOf(fields), options);
    const sendTrailers = stream.sendTrailers.bind(stream);
    stream.sendTrailers = (fields) => sendTrailers(contractStatusInsteadOf(fields));
  });
}
