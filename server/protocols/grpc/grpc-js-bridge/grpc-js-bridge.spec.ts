import { Code, ConnectError, createClient, createContextKey, createContextValues, createServiceImplSpec, type Interceptor } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MLModel } from '../../../../lib/gen/ml_model_pb';
import { InferenceService, type StreamSentimentRequest } from '../../../../lib/gen/modelwire/v1/inference_pb';
import { grpcJsServiceOf, type BridgeOptions } from '.';

// connect-es implementations and an interceptor served by a bare grpc-js Server through the bridge, called by
// connect-node's gRPC client, and by grpc-js with raw bytes where a client library would refuse to send them.

const callerKey = createContextKey('nobody');
const arrivedKey = createContextKey(0);
const events = { watchesEnded: 0 };

const namingTheCaller: Interceptor = (next) => (request) => {
  request.contextValues.set(callerKey, request.header.get('x-caller') ?? 'anonymous');
  return next(request);
};

const seed = createServiceImplSpec<typeof MLModel>(MLModel, {
  predict(request, context) {
    if (request.feature1 < 0) throw new ConnectError('feature1 is negative', Code.InvalidArgument, { 'x-reason': 'negative' });
    context.responseHeader.set('x-seen-by', context.values.get(callerKey));
    context.responseTrailer.set('x-arrived', String(context.values.get(arrivedKey)));
    return { prediction: request.feature1 + request.feature2 };
  },
});

const echoError = (request: StreamSentimentRequest) => ({ event: { case: 'error' as const, value: { seq: request.seq, code: 'echo', message: request.text } } });

const inference = createServiceImplSpec<typeof InferenceService>(InferenceService, {
  async *watchSentiment(request, context) {
    yield { event: { case: 'opened', value: { sessionId: request.sessionId } } };
    await new Promise((resolve) => context.signal.addEventListener('abort', resolve));
    events.watchesEnded++;
  },
  async *streamSentiment(requests) {
    for await (const request of requests) yield echoError(request);
  },
});

const options: BridgeOptions = {
  interceptors: [namingTheCaller],
  contextValues: () => createContextValues().set(arrivedKey, 42),
  inspectRequest: (_schema, bytes) => {
    if (bytes.byteLength > 100) throw new ConnectError('over 100 bytes', Code.ResourceExhausted);
  },
  toConnectError: (error) =>
    error instanceof ConnectError && error.rawMessage.startsWith('parse binary:') ? new ConnectError('not protobuf', Code.InvalidArgument, { 'x-mapped': 'yes' }) : ConnectError.from(error),
};

const server = new grpc.Server();
let address = '';
beforeAll(async () => {
  for (const spec of [seed, inference]) {
    const { definition, implementation } = grpcJsServiceOf(spec, options);
    server.addService(definition, implementation);
  }
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  address = `127.0.0.1:${port}`;
});
afterAll(() => server.forceShutdown());

const transport = () => createGrpcTransport({ baseUrl: `http://${address}` });

/** A unary call of MLModel.Predict with `bytes` as its request message, whatever they are. */
function rawPredict(bytes: Buffer): Promise<grpc.ServiceError> {
  const client = new grpc.Client(address, grpc.credentials.createInsecure());
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest('/MLModel/Predict', (request: Buffer) => request, (response: Buffer) => response, bytes, (error) => {
      client.close();
      if (error) resolve(error);
      else reject(new Error('the call succeeded'));
    });
  });
}

describe('connect-es services on grpc-js', () => {
  it('answers a unary call through the interceptors, with the headers and trailers the implementation set', async () => {
    const received = { header: new Headers(), trailer: new Headers() };
    const answer = await createClient(MLModel, transport()).predict(
      { feature1: 1, feature2: 2 },
      { headers: { 'x-caller': 'ada' }, onHeader: (header) => (received.header = header), onTrailer: (trailer) => (received.trailer = trailer) },
    );
    expect(answer.prediction).toBe(3);
    expect(received.header.get('x-seen-by')).toBe('ada');
    expect(received.trailer.get('x-arrived')).toBe('42');
  });

  it("ends a failed call with the error's code, message and metadata", async () => {
    const failure = await createClient(MLModel, transport())
      .predict({ feature1: -1, feature2: 2 })
      .catch((error: unknown) => ConnectError.from(error));
    expect(failure).toMatchObject({ code: Code.InvalidArgument, rawMessage: 'feature1 is negative' });
    expect((failure as ConnectError).metadata.get('x-reason')).toBe('negative');
  });

  it('hands a request that is not protobuf, or one the inspector refuses, to toConnectError', async () => {
    // Field 1 (a float) sent as a length-delimited field.
    const unparsable = await rawPredict(Buffer.from([0x0a, 0x01, 0x00]));
    expect(unparsable.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(unparsable.details).toBe('not protobuf');
    expect(unparsable.metadata.get('x-mapped')).toEqual(['yes']);
    // 101 bytes of an unknown varint field.
    const refused = await rawPredict(Buffer.concat([Buffer.from([0x98, 0x06]), Buffer.alloc(99, 0x01)]));
    expect(refused.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(refused.details).toBe('over 100 bytes');
  });

  it("aborts a server stream's context when its client cancels it", async () => {
    const abort = new AbortController();
    const ended = events.watchesEnded;
    const watch = createClient(InferenceService, transport()).watchSentiment({ sessionId: 's1' }, { signal: abort.signal });
    for await (const event of watch) {
      expect(event.event.case).toBe('opened');
      break;
    }
    abort.abort();
    await expect.poll(() => events.watchesEnded).toBe(ended + 1);
  });

  it('answers each message of a bidi call as it arrives, then ends the call OK', async () => {
    async function* texts() {
      for (const [seq, text] of [[1, 'one'], [2, 'two']] as const) yield { seq, text };
    }
    const answers: string[] = [];
    for await (const answer of createClient(InferenceService, transport()).streamSentiment(texts())) {
      if (answer.event.case === 'error') answers.push(`${answer.event.value.seq} ${answer.event.value.message}`);
    }
    expect(answers).toEqual(['1 one', '2 two']);
  });
});
