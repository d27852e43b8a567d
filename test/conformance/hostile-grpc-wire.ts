import { connect, constants, type ClientHttp2Session } from 'node:http2';
import { fromJson, toBinary, type DescMessage, type JsonValue } from '@bufbuild/protobuf';
import { PredictRequestSchema, TrainRequestSchema } from '../../lib/gen/modelwire/v1/inference_pb';
import { NO_CODE, type Loose, type Outcome, type WireRequest } from './hostile-shape';

// gRPC by hand: length-prefixed frames, protobuf built from loose fields, and a bare node:http2 client that reports
// exactly what came back (status, trailers, RST_STREAM), with no gRPC library in between to tidy it up.

/** gRPC status names by code, as the conformance table writes them: "INVALID_ARGUMENT (3)". */
export const GRPC_STATUS_NAMES = [
  'OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS', 'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE', 'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS', 'UNAUTHENTICATED',
] as const;

export const grpcStatusText = (status: number) => `${GRPC_STATUS_NAMES[status] ?? 'UNKNOWN_STATUS'} (${status})`;

export const INFERENCE = '/modelwire.v1.InferenceService';

/** One gRPC message frame: flag byte, 4-byte big-endian length (announced, which may differ from the bytes given), bytes. */
export function grpcFrame(message: Uint8Array, { flag = 0, announced = message.byteLength } = {}): Buffer {
  const prefix = Buffer.alloc(5);
  prefix[0] = flag;
  prefix.writeUInt32BE(announced, 1);
  return Buffer.concat([prefix, message]);
}

/** The frames of a gRPC(-Web) body: its messages, and the gRPC-Web trailer frame (flag 0x80) parsed as headers. */
export function grpcFrames(body: Buffer): { messages: Buffer[]; trailer: Record<string, string> } {
  const messages: Buffer[] = [];
  const trailer: Record<string, string> = {};
  for (let at = 0; at + 5 <= body.length; ) {
    const length = body.readUInt32BE(at + 1);
    const bytes = body.subarray(at + 5, at + 5 + length);
    if (body[at]! & 0x80) {
      for (const line of bytes.toString('utf8').split('\r\n')) {
        const colon = line.indexOf(':');
        if (colon > 0) trailer[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
    } else messages.push(bytes);
    at += 5 + length;
  }
  return { messages, trailer };
}

const rowsOf = (features: unknown): unknown =>
  Array.isArray(features) ? { rows: (Array.isArray(features[0]) ? features : [features]).map((values) => ({ values })) } : features;

/** Loose predict fields as protobuf JSON (features become FeatureRows); anything ill-typed stays as it is. */
export function predictJson(model: string, { features, ...rest }: Loose): Loose {
  return { model, ...rest, ...(features === undefined ? {} : { features: rowsOf(features) }) };
}

export function trainJson(model: string, { X, y, ...rest }: Loose): Loose {
  return { model, ...rest, rows: Array.isArray(X) ? X.map((values) => ({ values })) : X, targets: y };
}

/** Binary protobuf when the JSON is a valid message of `schema` (protobuf JSON reads "NaN" and "Infinity" as doubles), else undefined. */
function binaryOf(schema: DescMessage, json: Loose): Uint8Array | undefined {
  try {
    return toBinary(schema, fromJson(schema, json as JsonValue));
  } catch {
    return undefined;
  }
}

export interface GrpcEncodings {
  binary: string;
  /** The content type of the lane's JSON codec: gRPC's application/grpc+json, or Connect's application/json. */
  json: string;
}

/**
 * A unary request on a gRPC lane: binary protobuf where the fields fit the message, or else the same fields in the
 * lane's JSON codec, the only encoding that can carry a string where a double belongs. The lane frames it when sending.
 */
export function unaryRequest(method: 'Predict' | 'Train', json: Loose, encodings: GrpcEncodings): WireRequest {
  const binary = binaryOf(method === 'Predict' ? PredictRequestSchema : TrainRequestSchema, json);
  return {
    target: `${INFERENCE}/${method}`,
    headers: { 'content-type': binary ? encodings.binary : encodings.json },
    body: binary ? Buffer.from(binary) : Buffer.from(JSON.stringify(json)),
  };
}

/** The outcome of a gRPC call from its status and metadata (headers for trailers-only answers, else trailers). */
export function grpcOutcomeOf(metadata: Record<string, string | undefined>, text: string): Outcome {
  const status = Number(metadata['grpc-status']);
  if (status === 0) return { kind: 'answer', native: grpcStatusText(0), text };
  return { kind: 'error', code: metadata['modelwire-code'] ?? NO_CODE, native: grpcStatusText(status), text: `${metadata['grpc-message'] ?? ''} ${text}` };
}

const flat = (headers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value === undefined ? undefined : String(value)]));

/**
 * This client's own HTTP/2 session must hold the 21 MB body it writes at once: with Node's default maxSessionMemory
 * (10 MB) it resets, with ENHANCE_YOUR_CALM, an answer that arrives while that body is still queued (grpc-js refuses
 * an oversized message from its length prefix), and every stream it opens after.
 */
const CLIENT_SESSION_MEMORY_MB = 64;

/** A native gRPC connection (h2c) that reconnects when an attack got it closed. */
export function createGrpcConnection(address: () => string) {
  let session: ClientHttp2Session | undefined;
  const current = () => {
    if (!session || session.closed || session.destroyed) {
      session = connect(`http://${address()}`, { maxSessionMemory: CLIENT_SESSION_MEMORY_MB });
      session.on('error', () => undefined);
    }
    return session;
  };
  return {
    /** Sends one call; `partial` sends the headers and half the body, then nothing more (a slow client). */
    call(request: WireRequest, { timeoutMs = 10_000, partial = false } = {}): Promise<Outcome> {
      const started = performance.now();
      const stream = current().request({ ':method': 'POST', ':path': request.target, te: 'trailers', 'content-type': 'application/grpc', ...request.headers });
      let headers: Record<string, string | undefined> = {};
      let trailers: Record<string, string | undefined> = {};
      const chunks: Buffer[] = [];
      stream.on('response', (received) => (headers = flat(received)));
      stream.on('trailers', (received) => (trailers = flat(received)));
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', () => undefined);
      const body = request.framed ? request.body : grpcFrame(request.body);
      if (partial) stream.write(body.subarray(0, body.length >> 1));
      else stream.end(body);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          stream.close(constants.NGHTTP2_CANCEL);
          resolve({ kind: 'silence', afterMs: performance.now() - started });
        }, timeoutMs);
        // The answer is complete at the end of the server's side: a server refusing a message it has not read stops
        // there, while this side may still be blocked sending the rest, so its stream would not close by itself.
        const answered = () => {
          clearTimeout(timer);
          const afterMs = performance.now() - started;
          const metadata = { ...headers, ...trailers };
          const text = Buffer.concat(chunks).toString('latin1');
          if (metadata['grpc-status'] !== undefined) resolve(grpcOutcomeOf(metadata, text));
          else if (headers[':status'] && headers[':status'] !== '200') resolve({ kind: 'error', code: NO_CODE, native: `HTTP ${headers[':status']}`, text });
          else resolve({ kind: 'closed', native: `RST_STREAM ${stream.rstCode ?? 'none'}`, afterMs });
          if (!stream.closed) stream.close(constants.NGHTTP2_CANCEL);
        };
        stream.on('end', answered);
        stream.on('close', answered);
      });
    },
    close: () => session?.close(),
  };
}
