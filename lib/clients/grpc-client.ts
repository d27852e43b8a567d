import { create, toJsonString, type DescMessage, type MessageInitShape, type MessageShape } from '@bufbuild/protobuf';
import { ConnectError, createClient, createContextValues, type Interceptor } from '@connectrpc/connect';
import { createConnectTransport, createGrpcWebTransport } from '@connectrpc/connect-web';
import type { ModelDescriptor, PredictionInput, PredictionResult, TrainResult } from '../contract';
import { InferenceService, PredictRequestSchema } from '../gen/modelwire/v1/inference_pb';
import { authorizationFlag, authorizationHeader } from './authorization-header';
import { fetchWithBlobBody } from './blob-body-fetch';
import { since } from './call-timing';
import { credentials as sharedCredentials, type CredentialOption, type CredentialStore } from './credentials';
import { modelDescriptorOf, predictionResultOf, predictRequestMessage, trainRequestMessage, trainResultOf } from './grpc-messages';
import { openGrpcSentimentStream } from './grpc-stream';
import { answeredByServer, errorWire, grpcErrorOf, recordingInterceptor, requestWire, responseWire, wireRecordKey, type GrpcWireFormat, type WireRecord } from './grpc-wire';
import type { CallOutcome, ProtocolClient } from './protocol-client';
import { watchFetch } from './resource-timing';
import { SERVER_TIMING_HEADER, serverTimeOfHeader } from './server-timing-header';
import { httpRoundTrip } from './timed-fetch';
import { photoBase64Between, shellQuote } from './wire-format';

export interface GrpcClientOptions extends CredentialOption {
  /** gRPC-Web (binary protobuf, the default) or Connect (JSON), both on the API port. */
  format?: GrpcWireFormat;
  /** host:port of the native gRPC listener, for copy-as grpcurl; the API host on port 50051 when unset. */
  nativeAddress?: string;
}

const DEFAULT_NATIVE_PORT = 50051;

/** A unary method of a service, as the generated code describes it. */
interface GrpcMethod<I extends DescMessage, O extends DescMessage> {
  name: string;
  parent: { typeName: string };
  input: I;
  output: O;
}

/** Where connect-web POSTs a method: {baseUrl}/{package.Service}/{Method}. */
const methodUrl = (baseUrl: string, method: GrpcMethod<DescMessage, DescMessage>) => `${baseUrl.replace(/\/$/, '')}/${method.parent.typeName}/${method.name}`;

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
  const transportOptions = { baseUrl, interceptors: [authorizationInterceptor(credentials), recordingInterceptor], fetch: fetchWithBlobBody };
  const transport = format === 'connect' ? createConnectTransport(transportOptions) : createGrpcWebTransport(transportOptions);
  const service = createClient(InferenceService, transport);

  /** One unary call with its wire exchange; a call no server answered (network, CORS) throws, as fetch does for REST. */
  async function call<I extends DescMessage, O extends DescMessage, T>(
    method: GrpcMethod<I, O>,
    send: (request: MessageShape<I>, callOptions: { contextValues: ReturnType<typeof createContextValues>; signal?: AbortSignal }) => Promise<MessageShape<O>>,
    init: MessageInitShape<I>,
    read: (response: MessageShape<O>) => T,
    signal?: AbortSignal,
  ): Promise<CallOutcome<T>> {
    const started = performance.now();
    const request = create(method.input, init);
    const record: WireRecord = {};
    const url = methodUrl(baseUrl, method);
    const watch = watchFetch(url);
    /** The round trip from the browser's timestamps; connect-web encodes the message before its fetch starts. */
    const measure = async (receivedAt: number, decodeMs: number) => {
      const network = await watch.settle();
      const { roundTripMs, connect, clock } = httpRoundTrip(url, started, receivedAt, network);
      const encodeMs = network ? Math.max(0, network.startTime - started) : 0;
      const server = serverTimeOfHeader(record.responseHeader?.get(SERVER_TIMING_HEADER));
      return { roundTripMs, timing: { connect, encodeMs, server, decodeMs, clock } };
    };
    try {
      const response = await send(request, { contextValues: createContextValues().set(wireRecordKey, record), signal });
      const receivedAt = performance.now();
      // connect-web has parsed the protobuf message by now; decoding is reading it into the contract's types.
      const value = read(response);
      const measured = await measure(receivedAt, since(receivedAt));
      const wire = { request: requestWire(format, record, method.input, request), response: responseWire(format, record, method.output, response) };
      return { ok: true, value, wire, ...measured };
    } catch (thrown) {
      const error = ConnectError.from(thrown);
      if (!answeredByServer(error)) throw thrown;
      const measured = await measure(performance.now(), 0);
      const wire = { request: requestWire(format, record, method.input, request), response: errorWire(format, error) };
      return { ok: false, error: grpcErrorOf(error), wire, ...measured };
    } finally {
      watch.stop();
    }
  }

  return {
    protocol: 'grpc',
    async listModels(): Promise<ModelDescriptor[]> {
      return (await service.listModels({})).models.map(modelDescriptorOf);
    },
    predict: (model, input, { topK, signal } = {}): Promise<CallOutcome<PredictionResult>> =>
      call(InferenceService.method.predict, service.predict, predictRequestMessage(model, input, topK), predictionResultOf, signal),
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
    const body = photoBase64Between(`{"model": ${JSON.stringify(model)}, "image": "`, `"${topK === undefined ? '' : `, "topK": ${topK}`}}`);
    return `${body} | grpcurl -plaintext${flags} -d @ ${target}`;
  }
  const json = toJsonString(PredictRequestSchema, create(PredictRequestSchema, predictRequestMessage(model, input, topK)));
  return `grpcurl -plaintext${flags} -d ${shellQuote(json)} ${target}`;
}
