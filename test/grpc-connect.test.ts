import { Code, ConnectError, createClient, type Transport } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { createConnectTransport, createGrpcWebTransport } from '@connectrpc/connect-web';
import { describe, expect, it } from 'vitest';
import { MLModel } from '../lib/gen/ml_model_pb';
import { InferenceService, SentimentLabel } from '../lib/gen/modelwire/v1/inference_pb';
import { postJson } from './support/start-api';
import { useApi } from './support/use-api';

// connect-es clients (as the browser will use them) against both listeners.

const api = useApi();

async function expectConnectError(call: Promise<unknown>, code: Code, contractCode: string): Promise<ConnectError> {
  const error = await call.then(
    () => {
      throw new Error(`expected ${Code[code]}, the call succeeded`);
    },
    (failure: unknown) => ConnectError.from(failure),
  );
  expect(Code[error.code]).toBe(Code[code]);
  expect(error.rawMessage.length).toBeGreaterThan(5);
  expect(error.metadata.get('modelwire-code')).toBe(contractCode);
  return error;
}

const transports: Record<string, () => Transport> = {
  'gRPC over HTTP/2 on the native port (connect-node createGrpcTransport)': () => createGrpcTransport({ baseUrl: `http://${api().grpcAddress}` }),
  'gRPC-Web on the API port (connect-web createGrpcWebTransport, global fetch)': () => createGrpcWebTransport({ baseUrl: api().url }),
  'Connect JSON on the API port (connect-web createConnectTransport)': () => createConnectTransport({ baseUrl: api().url }),
  'Connect binary on the API port (connect-web createConnectTransport)': () => createConnectTransport({ baseUrl: api().url, useBinaryFormat: true }),
};

for (const [label, transport] of Object.entries(transports)) {
  describe(label, () => {
    const inference = () => createClient(InferenceService, transport());
    const seed = () => createClient(MLModel, transport());
    const text = 'This is a terrible, awful, broken thing.';

    it('answers a sentence as REST does', async () => {
      const rest = await postJson(`${api().url}/v1/models/sentiment/predict`, { text });
      const answer = await inference().predict({ model: 'sentiment', input: { case: 'text', value: text } });
      expect(answer.model).toMatchObject(rest.json.model);
      expect(answer.output.case).toBe('sentiment');
      if (answer.output.case !== 'sentiment') return;
      expect(SentimentLabel[answer.output.value.label]).toBe(rest.json.output.label.toUpperCase());
      expect(answer.output.value.score).toBe(rest.json.output.score);
      expect(answer.output.value.probability).toBe(rest.json.output.probability);
      expect(answer.timing?.serverMs).toBeGreaterThan(0);
    });

    it('trains a linear model and answers the seed MLModel.Predict', async () => {
      const X = [[0, 0], [1, 0], [0, 1], [2, 3]];
      const trained = await inference().train({ model: 'default', rows: X.map((values) => ({ values })), targets: X.map(([a, b]) => 2 * a! - 3 * b! + 1) });
      expect(trained.coefficients[0]).toBeCloseTo(2, 6);
      expect((await seed().predict({ feature1: 1, feature2: 2 })).prediction).toBeCloseTo(-3, 4);
    });

    it('maps bad input to status codes with the contract code, and keeps serving', async () => {
      await expectConnectError(inference().predict({ model: 'nope', input: { case: 'text', value: 'x' } }), Code.NotFound, 'not_found');
      await expectConnectError(inference().predict({ model: 'sentiment', input: { case: 'text', value: '' } }), Code.InvalidArgument, 'invalid_input');
      await expectConnectError(inference().classifyImage({ image: new Uint8Array([1, 2, 3]) }), Code.Unavailable, 'not_installed');
      const still = await inference().predict({ model: 'sentiment', input: { case: 'text', value: 'Fine and good.' } });
      expect(still.output.case).toBe('sentiment');
    });
  });
}

describe('the Connect and gRPC-Web endpoints from a browser\'s point of view', () => {
  const predictUrl = () => `${api().url}/modelwire.v1.InferenceService/Predict`;

  it('takes plain JSON POSTs (curl) and answers errors as Connect JSON with the modelwire-code header', async () => {
    const ok = await postJson(predictUrl(), { model: 'sentiment', text: 'Lovely.' });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ model: { name: 'sentiment' }, sentiment: { label: 'SENTIMENT_LABEL_POSITIVE' } });
    const response = await fetch(predictUrl(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'nope', text: 'x' }) });
    expect(response.status).toBe(404);
    expect(response.headers.get('modelwire-code')).toBe('not_found');
    expect(await response.json()).toMatchObject({ code: 'not_found' });
  });

  it('answers the CORS preflight and exposes grpc-status, grpc-message and modelwire-code', async () => {
    const origin = 'http://localhost:3000';
    const preflight = await fetch(predictUrl(), {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-grpc-web,x-user-agent,connect-protocol-version' },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/x-grpc-web/);
    const call = await fetch(predictUrl(), { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'sentiment', text: 'ok' }) });
    const exposed = call.headers.get('access-control-expose-headers') ?? '';
    for (const header of ['grpc-status', 'grpc-message', 'modelwire-code']) expect(exposed.toLowerCase()).toContain(header);
  });

  it('refuses a message over 20 MB with RESOURCE_EXHAUSTED and keeps serving', async () => {
    const client = createClient(InferenceService, createGrpcWebTransport({ baseUrl: api().url }));
    const error = await client.classifyImage({ image: new Uint8Array(21 * 1024 * 1024) }).then(
      () => undefined,
      (failure: unknown) => ConnectError.from(failure),
    );
    expect(error && Code[error.code]).toBe('ResourceExhausted');
    expect((await client.listModels({})).models.length).toBeGreaterThan(1);
  });

  it('closes the connection after refusing an oversized body it did not read, instead of holding it for 72 s', async () => {
    const size = 21 * 1024 * 1024;
    const envelope = new Uint8Array(5 + size);
    new DataView(envelope.buffer).setUint32(1, size);
    const response = await fetch(`${api().url}/modelwire.v1.InferenceService/ClassifyImage`, {
      method: 'POST',
      headers: { 'content-type': 'application/grpc-web+proto', 'x-grpc-web': '1' },
      body: envelope,
    });
    expect(response.headers.get('connection')).toBe('close');
    expect(Buffer.from(await response.arrayBuffer()).toString('latin1')).toContain(`grpc-status: ${Code.ResourceExhausted}`);
  });
});
