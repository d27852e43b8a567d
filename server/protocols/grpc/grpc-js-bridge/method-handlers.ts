import type { ConnectError, ContextValues, Interceptor, MethodImplSpec } from '@connectrpc/connect';
import { createAsyncIterable, invokeUnaryImplementation, transformInvokeImplementation } from '@connectrpc/connect/protocol';
import { status, type handleUnaryCall, type ServerDuplexStream, type ServerWritableStream, type StatusObject } from '@grpc/grpc-js';
import { handlerContextOf, type CallContext } from './call-context';
import { grpcStatusOf, isEmpty, metadataOf } from './grpc-status';
import { requestMessagesOf, requestParser, type RequestInspector } from './request-messages';
import { endCall, writeAll } from './response-messages';

// One grpc-js handler per method kind around connect-es's own invocation of an implementation: the interceptors, the
// normalizing of what it returns, exactly one request message where one is due. Those two functions are exported for
// adapters but kept outside semver, which is why package.json pins @connectrpc/connect to one version.

export interface BridgeOptions {
  /** connect-es interceptors, applied to every call as a connect-es router applies them. */
  interceptors?: Interceptor[];
  /** Values every call's context starts with (when the request arrived, say). */
  contextValues?: () => ContextValues;
  inspectRequest?: RequestInspector;
  /** The error a failed call ends with: the interceptors' errors, and the bridge's own (a request that is not protobuf). */
  toConnectError: (error: unknown) => ConnectError;
}

type Spec<Kind extends MethodImplSpec['kind']> = Extract<MethodImplSpec, { kind: Kind }>;
type Parse = ReturnType<typeof requestParser>;
type StreamingCall = ServerWritableStream<Buffer, unknown> | ServerDuplexStream<Buffer, unknown>;
type MetadataSender = Pick<StreamingCall, 'sendMetadata'>;

/** A unary call's response headers, when its handler set any (a failed call is then not answered trailers-only). */
function sendResponseHeader(call: MetadataSender, context: CallContext): void {
  if (!isEmpty(context.responseHeader)) call.sendMetadata(metadataOf(context.responseHeader));
}

export function unaryHandler(spec: Spec<'unary'>, options: BridgeOptions): handleUnaryCall<Buffer, unknown> {
  const parse = requestParser(spec.method.input, options.inspectRequest);
  return async (call, callback) => {
    const context = handlerContextOf(call, spec.method, options.contextValues?.());
    try {
      const message = await invokeUnaryImplementation(spec, context, parse(call.request), options.interceptors ?? []);
      sendResponseHeader(call, context);
      callback(null, message, isEmpty(context.responseTrailer) ? undefined : metadataOf(context.responseTrailer));
    } catch (error) {
      sendResponseHeader(call, context);
      callback(grpcStatusOf(options.toConnectError(error), context.responseTrailer));
    } finally {
      context.abort();
    }
  };
}

/**
 * Sends a streaming call's response headers once, before its first message or its status: as connect-es does, a stream
 * is never answered trailers-only, so its client reads how it ended from trailers, whatever the outcome.
 */
function responseHeaderSender(call: MetadataSender, context: CallContext): () => void {
  let sent = false;
  return () => {
    if (!sent) call.sendMetadata(metadataOf(context.responseHeader));
    sent = true;
  };
}

function streamingHandler<Call extends StreamingCall>(
  spec: Spec<'server_streaming' | 'bidi_streaming'>,
  options: BridgeOptions,
  requestsOf: (call: Call, parse: Parse) => AsyncIterable<ReturnType<Parse>>,
) {
  const parse = requestParser(spec.method.input, options.inspectRequest);
  return async (call: Call): Promise<void> => {
    const context = handlerContextOf(call, spec.method, options.contextValues?.());
    const sendHeaderOnce = responseHeaderSender(call, context);
    let outcome: StatusObject;
    try {
      const responses = transformInvokeImplementation(spec, context, options.interceptors ?? [])(requestsOf(call, parse));
      await writeAll(call, responses, context.signal, sendHeaderOnce);
      outcome = { code: status.OK, details: 'OK', metadata: metadataOf(context.responseTrailer) };
    } catch (error) {
      outcome = grpcStatusOf(options.toConnectError(error), context.responseTrailer);
    } finally {
      context.abort();
    }
    sendHeaderOnce();
    endCall(call, outcome);
  };
}

/** Its one request message comes whole from grpc-js, as a unary call's does. */
export const serverStreamingHandler = (spec: Spec<'server_streaming'>, options: BridgeOptions) =>
  streamingHandler<ServerWritableStream<Buffer, unknown>>(spec, options, (call, parse) => createAsyncIterable([parse(call.request)]));

/** Its request messages are parsed as the implementation reads them. */
export const bidiStreamingHandler = (spec: Spec<'bidi_streaming'>, options: BridgeOptions) =>
  streamingHandler<ServerDuplexStream<Buffer, unknown>>(spec, options, (call, parse) => requestMessagesOf(call, parse));
