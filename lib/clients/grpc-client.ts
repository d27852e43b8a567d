import { create, toJsonString, type DescMessage, type MessageInitShape, type MessageShape } from '@bufbuild/protobuf';
import { ConnectError, createClient, createContextValues, type Interceptor } from '@connectrpc/connect';
import { createConnectTransport, createGrpcWebTransport } from '@connectrpc/connect-web';
import type { ModelDescriptor, PredictionInput, PredictionResult, TrainResult } from '../contract';
import { InferenceService, PredictRequestSchema } from '../gen/modelwire/v1/inference_pb';
import { authorizationFlag, authorizationHeader } from './authorization-header';
import { credentials as sharedCredentials, type CredentialOption, type CredentialStore } from './credentials';
import { modelDescriptorOf, predictionResultOf, predictRequestMessage, trainRequestMessage, trainResultOf } from './grpc-messages';
import { openGrpcSentimentStream } from './grpc-stream';
import { answeredByServer, errorWire, grpcErrorOf, recordingInterceptor, requestWire, responseWire, wireRecordKey, type GrpcWireFormat, type WireRecord } from './grpc-wire';
import type { CallOutcome, ProtocolClient } from './protocol-client';
import { shellQuote } from './wire-format';

export interface GrpcClientOptions extends CredentialOption {
  /** gRPC-Web (binary protobuf, the default) or Connect (JSON), both on the API port. */
  format?: GrpcWireFormat;
  /** host:port of the native gRPC listener, for copy-as grpcurl; the API host on port 50051 when unset. */
  nativeAddress?: string;
}

const DEFAULT_NATIVE_PORT = 50051;

/** `authorization: Bearer <token>` metadata on every call, unary and streaming, with the token of that moment. */
const authorizationInterceptor = (credentials: CredentialStore): Interceptor => (next) => (request) => {
  for (const [name, value] of authorizationHeader(credentials)) request.header.set(name, value);
  return next(request);
};

/** The InferenceService over gRPC-Web (or Connect) with connect-web, on the API server's port. */
export function createGrpcClient(baseUrl: string, options: GrpcClientOptions = {}): ProtocolClient {
  const format = options.format ?? 'grpc-web';
  const nativeAddress = options.nativeAddress ?? `${new URL(baseUrl).hostname}:${DEFAULT_NATIVE_PORT}`;
  const credentials = options.credentials ?? sharedCredentials;
  // The first interceptor runs first, so the recording one sees the header it added.
  const transportOptions = { baseUrl, interceptors: [authorizationInterceptor(credentials), recordingInterceptor] };
  const transport = format === 'connect' ? createConnectTransport(transportOptions) : createGrpcWebTransport(transportOptions);
  const service = createClient(InferenceService, transport);

  /** One unary call with its wire exchange; a call no server answered (network, CORS) throws, as fetch does for REST. */
  async function call<I extends DescMessage, O extends DescMessage, T>(
    method: { input: I; output: O },
    send: (request: MessageShape<I>, callOptions: { contextValues: ReturnType<typeof createContextValues> }) => Promise<MessageShape<O>>,
    init: MessageInitShape<I>,
    read: (response: MessageShape<O>) => T,
  ): Promise<CallOutcome<T>> {
    const request = create(method.input, init);
    const record: WireRecord = {};
    const started = performance.now();
    try {
      const response = await send(request, { contextValues: createContextValues().set(wireRecordKey, record) });
      const roundTripMs = performance.now() - started;
      const wire = { request: requestWire(format, record, method.input, request), response: responseWire(format, record, method.output, response) };
      return { ok: true, value: read(response), roundTripMs, wire };
    } catch (thrown) {
      const error = ConnectError.from(thrown);
      if (!answeredByServer(error)) throw thrown;
      const wire = { request: requestWire(format, record, method.input, request), response: errorWire(format, error) };
      return { ok: false, error: grpcErrorOf(error), roundTripMs: performance.now() - started, wire };
    }
  }

  return {
    protocol: 'grpc',
    async listModels(): Promise<ModelDescriptor[]> {
      return (await service.listModels({})).models.map(modelDescriptorOf);
    },
    predict: (model, input, { topK } = {}): Promise<CallOutcome<PredictionResult>> =>
      call(InferenceService.method.predict, service.predict, predictRequestMessage(model, input, topK), predictionResultOf),
    train: (model, request): Promise<CallOutcome<TrainResult>> =>
      call(InferenceService.method.train, service.train, trainRequestMessage(model, request), trainResultOf),
    copyAs: (model, input, { topK } = {}) => grpcurlCommand(nativeAddress, model, input, topK, authorizationFlag(credentials)),
    openSentimentStream: (onEvent) => openGrpcSentimentStream(service, onEvent, credentials),
    close() {},
  };
}

/**
 * grpcurl against the native port (it finds the service by reflection). An image is read from photo.jpg and sent as
 * base64 (protobuf JSON's bytes) on stdin with -d @, since a photo's base64 can outgrow a command-line argument.
 */
export function grpcurlCommand(nativeAddress: string, model: string, input: PredictionInput, topK?: number, flags = ''): string {
  const target = `${nativeAddress} modelwire.v1.InferenceService/Predict`;
  if (input.kind === 'image') {
    const before = shellQuote(`{"model": ${JSON.stringify(model)}, "image": "`);
    const after = shellQuote(`"${topK === undefined ? '' : `, "topK": ${topK}`}}`);
    return `{ printf %s ${before}; base64 < photo.jpg | tr -d '\\n'; printf %s ${after}; } | grpcurl -plaintext${flags} -d @ ${target}`;
  }
  const json = toJsonString(PredictRequestSchema, create(PredictRequestSchema, predictRequestMessage(model, input, topK)));
  return `grpcurl -plaintext${flags} -d ${shellQuote(json)} ${target}`;
}
