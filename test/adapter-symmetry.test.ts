import * as grpc from '@grpc/grpc-js';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_NAME_RULE } from '../lib/model-name';
import { expectGrpcStatus, grpcJsClients, unary } from './grpc-support';
import { connectClient, requestJson } from './mqtt-support/mqtt-requests';
import { blackPng } from './support/bomb-png';
import { startApi, type RunningApi } from './support/start-api';
import { TestSocket, wsUrlOf } from './websocket-client';

// One request refused the same way by every adapter: the contract code, and for names the core's one message.

const BAD_NAMES = { empty: '', 'path-like': '../x', '65 characters': 'a'.repeat(65), 'a space': 'a b', '10 000 characters': 'n'.repeat(10_000) };
const MW = 'https://modelwire.dev/soap/v1';

interface Refusal {
  code: string;
  message: string;
}

let api: RunningApi;
let grpcClients: ReturnType<typeof grpcJsClients>;
let socket: TestSocket;
let mqttClient: MqttClient;
beforeAll(async () => {
  api = await startApi();
  grpcClients = grpcJsClients(api.grpcAddress);
  socket = await TestSocket.open(wsUrlOf(api.url));
  mqttClient = await connectClient(api.mqttUrl);
  // Each MQTT request below listens for its own reply topic on this one client.
  mqttClient.setMaxListeners(50);
});
afterAll(async () => {
  grpcClients?.close();
  await socket?.close();
  await mqttClient?.endAsync();
  await api?.close({ removeData: true });
});

async function restRefusal(name: string): Promise<Refusal & { status: number; contentType: string }> {
  const response = await fetch(`${api.url}/v1/models/${encodeURIComponent(name)}/predict`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'hello' }),
  });
  const problem = await response.json();
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', code: problem.code, message: problem.detail };
}

async function graphqlRefusal(model: string, input: object): Promise<Refusal> {
  const query = 'mutation ($model: String!, $input: PredictionInput!) { predict(model: $model, input: $input) { model { name } } }';
  const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: { model, input } }) });
  const [error] = (await response.json()).errors;
  return { code: error.extensions.code, message: error.message };
}

async function grpcRefusal(method: string, request: object): Promise<Refusal> {
  const error = await expectGrpcStatus(unary(grpcClients.inference, method, request), grpc.status.INVALID_ARGUMENT);
  return { code: String(error.metadata.get('modelwire-code')[0]), message: error.details };
}

async function websocketRefusal(model: string, input: object): Promise<Refusal> {
  const reply = await socket.request({ id: `r-${Math.random()}`, type: 'predict', model, input });
  return { code: reply.error.code, message: reply.error.message };
}

async function mqttRefusal(model: string, input: object): Promise<Refusal> {
  const reply = await requestJson(mqttClient, `modelwire/v1/models/${model}/predict`, input as Record<string, unknown>);
  return { code: reply.json.error.code, message: reply.json.error.message };
}

async function soapRefusal(model: string): Promise<Refusal> {
  const body = `<mw:Predict><mw:model>${model}</mw:model><mw:text>hello</mw:text></mw:Predict>`;
  const envelope = `<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:mw="${MW}"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
  const response = await fetch(`${api.url}/soap`, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${MW}/Predict"` }, body: envelope });
  const xml = await response.text();
  const unescaped = (text = '') => text.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&amp;/g, '&');
  return { code: /<mw:code>([^<]*)</.exec(xml)?.[1] ?? '', message: unescaped(/<faultstring>([^<]*)</.exec(xml)?.[1]) };
}

describe('a bad model name is invalid_input with the core\'s one message, on every protocol', () => {
  const refused = { code: 'invalid_input', message: MODEL_NAME_RULE };

  for (const [label, name] of Object.entries(BAD_NAMES)) {
    it(`${label}: REST (problem+json), GraphQL, gRPC, WebSocket`, async () => {
      const rest = await restRefusal(name);
      expect(rest).toMatchObject({ status: 400, contentType: expect.stringContaining('application/problem+json'), ...refused });
      expect(await graphqlRefusal(name, { text: 'hello' })).toEqual(refused);
      expect(await grpcRefusal('Predict', { model: name, text: 'hello' })).toEqual(refused);
      expect(await websocketRefusal(name, { text: 'hello' })).toEqual(refused);
    });
  }

  // A "/" spans MQTT topic levels; the service still reads the levels between models/ and the action as the name.
  for (const [label, name] of Object.entries(BAD_NAMES)) {
    it(`${label}: MQTT`, async () => {
      expect(await mqttRefusal(name, { text: 'hello' })).toEqual(refused);
    });
  }

  for (const [label, name] of Object.entries(BAD_NAMES)) {
    it(`${label}: SOAP`, async () => {
      expect(await soapRefusal(name.replace(/</g, '&lt;'))).toEqual(refused);
    });
  }

  it('the seed routes check it too: GraphQL createPrediction, gRPC Train', async () => {
    const query = 'mutation { createPrediction(modelId: "../x", inputData: "hi") { prediction { id } } }';
    const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    expect((await response.json()).errors[0]).toMatchObject({ message: MODEL_NAME_RULE, extensions: { code: 'invalid_input' } });
    expect(await grpcRefusal('Train', { model: 'a b', rows: [{ values: [1] }, { values: [2] }], targets: [1, 2] })).toEqual(refused);
  });
});

describe('an input the model does not take is invalid_input on every protocol, found once by the core', () => {
  const image = blackPng(8, 8);
  const imageBase64 = Buffer.from(image).toString('base64');

  it('an image sent to the text model', async () => {
    expect((await grpcRefusal('ClassifyImage', { model: 'sentiment', image })).code).toBe('invalid_input');
    expect((await grpcRefusal('Predict', { model: 'sentiment', image })).message).toBe('Model "sentiment" takes text, not an image.');
    expect((await graphqlRefusal('sentiment', { image: imageBase64 })).code).toBe('invalid_input');
    expect((await websocketRefusal('sentiment', { image: imageBase64 })).code).toBe('invalid_input');
    expect((await mqttRefusal('sentiment', { image: imageBase64 })).code).toBe('invalid_input');
  });

  it('text sent to the image model, even while it is not installed', async () => {
    expect(await grpcRefusal('Predict', { model: 'mobilenetv2', text: 'a photo' })).toEqual({ code: 'invalid_input', message: 'Model "mobilenetv2" takes an image, not text.' });
    expect((await graphqlRefusal('mobilenetv2', { text: 'a photo' })).code).toBe('invalid_input');
    expect((await websocketRefusal('mobilenetv2', { text: 'a photo' })).code).toBe('invalid_input');
    expect((await mqttRefusal('mobilenetv2', { text: 'a photo' })).code).toBe('invalid_input');
  });
});

describe('a request that is not valid protobuf is INVALID_ARGUMENT / invalid_input, not INTERNAL', () => {
  // Field 1 (model) says 5 bytes follow; only 1 does.
  const truncated = Buffer.from([0x0a, 0x05, 0x73]);
  const frame = (flags: number, data: Uint8Array) => Buffer.concat([Buffer.from([flags, 0, 0, 0, data.length]), data]);

  it('native gRPC (grpc-js sending raw bytes)', async () => {
    const call = new Promise((resolve, reject) =>
      grpcClients.inference.makeUnaryRequest('/modelwire.v1.InferenceService/Predict', (bytes: Buffer) => bytes, (bytes: Buffer) => bytes, truncated, (error, value) =>
        error ? reject(error) : resolve(value),
      ),
    );
    const error = await expectGrpcStatus(call, grpc.status.INVALID_ARGUMENT, 'invalid_input');
    expect(error.details).toMatch(/not a valid protobuf message/);
  });

  it('gRPC-Web on the API port: the trailer frame carries it', async () => {
    const response = await fetch(`${api.url}/modelwire.v1.InferenceService/Predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/grpc-web+proto', 'x-grpc-web': '1' },
      body: frame(0, truncated),
    });
    const trailer = Buffer.from(await response.arrayBuffer()).toString('latin1');
    expect(trailer).toMatch(/grpc-status: ?3\r\n/);
    expect(trailer).toMatch(/modelwire-code: ?invalid_input\r\n/);
  });

  it('Connect binary on the API port: HTTP 400 invalid_argument with the modelwire-code header', async () => {
    const response = await fetch(`${api.url}/modelwire.v1.InferenceService/Predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/proto', 'connect-protocol-version': '1' },
      body: truncated,
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('modelwire-code')).toBe('invalid_input');
    expect(await response.json()).toMatchObject({ code: 'invalid_argument', message: expect.stringMatching(/not a valid protobuf message/) });
  });

  it('Connect streaming (WatchSentiment): the end-stream frame carries it', async () => {
    const response = await fetch(`${api.url}/modelwire.v1.InferenceService/WatchSentiment`, {
      method: 'POST',
      headers: { 'content-type': 'application/connect+proto', 'connect-protocol-version': '1' },
      body: frame(0, truncated),
    });
    const body = Buffer.from(await response.arrayBuffer());
    expect(body[0]).toBe(2);
    expect(JSON.parse(body.subarray(5).toString('utf8'))).toMatchObject({
      error: { code: 'invalid_argument' },
      metadata: { 'modelwire-code': ['invalid_input'] },
    });
  });
});
