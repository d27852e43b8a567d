import { randomUUID } from 'node:crypto';
import { Code, ConnectError, createClient, type Transport } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { createConnectTransport, createGrpcWebTransport } from '@connectrpc/connect-web';
import { describe, expect, it } from 'vitest';
import { MLModel } from '../../lib/gen/ml_model_pb';
import { InferenceService } from '../../lib/gen/modelwire/v1/inference_pb';
import { EXACT_X as X, EXACT_Y as y } from '../support/linear-fixture';
import { bearer, REFUSED_TOKENS, useAuthApi } from './auth-fixture';

// gRPC with AUTH=required, through connect-es clients on both listeners: `authorization: Bearer` metadata on every call.

const { api, tokens } = useAuthApi();

async function expectStatus(call: Promise<unknown>, code: Code, contractCode: string) {
  const error = await call.then(
    () => {
      throw new Error(`expected ${Code[code]}, the call succeeded`);
    },
    (failure: unknown) => ConnectError.from(failure),
  );
  expect(Code[error.code]).toBe(Code[code]);
  expect(error.metadata.get('modelwire-code')).toBe(contractCode);
}

/** The first message of a server stream (or its error). */
async function first<T>(stream: AsyncIterable<T>): Promise<T> {
  for await (const message of stream) return message;
  throw new Error('the stream ended without a message');
}

const transports: Record<string, () => Transport> = {
  'native gRPC (connect-node createGrpcTransport)': () => createGrpcTransport({ baseUrl: `http://${api().grpcAddress}` }),
  'gRPC-Web on the API port': () => createGrpcWebTransport({ baseUrl: api().url }),
  'Connect on the API port': () => createConnectTransport({ baseUrl: api().url }),
};

const predictRequest = { model: 'sentiment', input: { case: 'text' as const, value: 'a wonderful day' } };
const trainRequest = { model: 'default', rows: X.map((values) => ({ values })), targets: y };

for (const [label, transport] of Object.entries(transports)) {
  describe(`${label} with AUTH=required`, () => {
    const inference = () => createClient(InferenceService, transport());
    const seed = () => createClient(MLModel, transport());

    it('keeps ListModels public', async () => {
      expect((await inference().listModels({})).models.length).toBeGreaterThan(0);
    });

    it.each(REFUSED_TOKENS)('refuses %s with UNAUTHENTICATED and modelwire-code unauthenticated, streams too', async (_label, token) => {
      const headers = bearer(token);
      await expectStatus(inference().predict(predictRequest, { headers }), Code.Unauthenticated, 'unauthenticated');
      await expectStatus(inference().train(trainRequest, { headers }), Code.Unauthenticated, 'unauthenticated');
      await expectStatus(seed().predict({ feature1: 1, feature2: 2 }, { headers }), Code.Unauthenticated, 'unauthenticated');
      await expectStatus(first(inference().watchSentiment({ sessionId: randomUUID() }, { headers })), Code.Unauthenticated, 'unauthenticated');
      await expectStatus(inference().pushSentimentText({ sessionId: randomUUID(), text: 'hi' }, { headers }), Code.Unauthenticated, 'unauthenticated');
    });

    it('refuses a predictor training with PERMISSION_DENIED and modelwire-code forbidden', async () => {
      await expectStatus(inference().train(trainRequest, { headers: bearer(tokens().predictor) }), Code.PermissionDenied, 'forbidden');
    });

    it('answers good tokens: training, predictions and a watched stream', async () => {
      const trained = await inference().train(trainRequest, { headers: bearer(tokens().trainer) });
      expect(trained.r2).toBeCloseTo(1, 6);
      const headers = bearer(tokens().predictor);
      expect((await inference().predict(predictRequest, { headers })).output.case).toBe('sentiment');
      expect((await seed().predict({ feature1: 1, feature2: 2 }, { headers })).prediction).toBeCloseTo(-3, 4);
      const abort = new AbortController();
      const opened = await first(inference().watchSentiment({ sessionId: randomUUID() }, { headers, signal: abort.signal }));
      abort.abort();
      expect(opened.event.case).toBe('opened');
    });
  });
}

describe('native gRPC bidi StreamSentiment with AUTH=required', () => {
  const inference = () => createClient(InferenceService, createGrpcTransport({ baseUrl: `http://${api().grpcAddress}` }));
  async function* texts() {
    yield { text: 'I really love it' };
  }

  it.each(REFUSED_TOKENS)('refuses %s with UNAUTHENTICATED', async (_label, token) => {
    await expectStatus(first(inference().streamSentiment(texts(), { headers: bearer(token) })), Code.Unauthenticated, 'unauthenticated');
  });

  it('answers a good token with updates', async () => {
    const update = await first(inference().streamSentiment(texts(), { headers: bearer(tokens().predictor) }));
    expect(update.event.case).toBe('update');
  });
});
