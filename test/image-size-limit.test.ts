import { createClient, ConnectError } from '@connectrpc/connect';
import { createGrpcWebTransport } from '@connectrpc/connect-web';
import type * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { InferenceService } from '../lib/gen/modelwire/v1/inference_pb';
import { MAX_IMAGE_BYTES } from '../lib/size-limits';
import { joinBinaryFrame } from '../lib/websocket-binary-frame';
import { unary, useGrpcJsClients } from './grpc-support';
import { faultOfXml } from './soap-faults';
import { SHARED_IMAGENET_DIR, skipWithoutSharedImagenet } from './support/shared-files';
import { postJson, type RunningApi } from './support/start-api';
import { useApi } from './support/use-api';
import { TestSocket, wsUrlOf } from './websocket-client';

// One image size limit on every lane: the same file gets the same answer everywhere, sent as a file, as raw bytes or as
// base64 inside JSON or XML. MQTT is covered by its own suite.

type Image = Uint8Array<ArrayBuffer>;
type Lane = (api: RunningApi, image: Image) => Promise<string>;

const base64 = (image: Uint8Array) => Buffer.from(image).toString('base64');
const UPLOAD = 'mutation ($file: File!) { predict(model: "mobilenetv2", input: { upload: $file }) { model { name } } }';
const GRAPHQL_BASE64 = 'mutation ($image: String!) { predict(model: "mobilenetv2", input: { image: $image }) { model { name } } }';

async function restMultipart(api: RunningApi, image: Image) {
  const form = new FormData();
  form.set('image', new Blob([image]), 'big.png');
  return (await (await fetch(`${api.url}/v1/models/mobilenetv2/predict`, { method: 'POST', body: form })).json()).code;
}

async function graphqlUpload(api: RunningApi, image: Image) {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query: UPLOAD, variables: { file: null } }));
  form.set('map', JSON.stringify({ 0: ['variables.file'] }));
  form.set('0', new Blob([image]), 'big.png');
  return (await (await fetch(`${api.url}/graphql`, { method: 'POST', body: form })).json()).errors[0].extensions.code;
}

async function soapBase64(api: RunningApi, image: Uint8Array) {
  const body =
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:mw="https://modelwire.dev/soap/v1"><s:Body>' +
    `<mw:ClassifyImage><mw:image>${base64(image)}</mw:image></mw:ClassifyImage></s:Body></s:Envelope>`;
  const response = await fetch(`${api.url}/soap`, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8' }, body });
  return faultOfXml(response.status, await response.text()).code;
}

async function webSocketCode(api: RunningApi, frame: Uint8Array | object) {
  const socket = await TestSocket.open(wsUrlOf(api.url));
  socket.send(frame);
  const reply = await socket.next((message) => message.id === 'big', { timeoutMs: 30_000 });
  await socket.close();
  return reply.error.code;
}

const codeOfGrpcError = (error: grpc.ServiceError) => String(error.metadata.get('modelwire-code')[0]);

describe.skipIf(skipWithoutSharedImagenet())(`one image limit on every lane: ${MAX_IMAGE_BYTES} bytes`, () => {
  const api = useApi({ modelsDir: SHARED_IMAGENET_DIR });
  const clients = useGrpcJsClients(api);
  const lanes: Record<string, Lane> = {
    'REST multipart': restMultipart,
    'REST JSON base64': async (api, image) => (await postJson(`${api.url}/v1/models/mobilenetv2/predict`, { image: base64(image) })).json.code,
    'GraphQL upload': graphqlUpload,
    'GraphQL JSON base64': async (api, image) => (await postJson(`${api.url}/graphql`, { query: GRAPHQL_BASE64, variables: { image: base64(image) } })).json.errors[0].extensions.code,
    'SOAP base64': soapBase64,
    'gRPC native': (_api, image) => unary(clients().inference, 'ClassifyImage', { image: Buffer.from(image) }).then(() => 'ok', codeOfGrpcError),
    'gRPC-Web': (api, image) =>
      createClient(InferenceService, createGrpcWebTransport({ baseUrl: api.url }))
        .classifyImage({ image })
        .then(() => 'ok', (error: unknown) => ConnectError.from(error).metadata.get('modelwire-code') ?? 'none'),
    'WebSocket binary frame': (api, image) => webSocketCode(api, joinBinaryFrame({ id: 'big', type: 'predict', model: 'mobilenetv2' }, image)),
    'WebSocket JSON base64': (api, image) => webSocketCode(api, { id: 'big', type: 'predict', model: 'mobilenetv2', input: { image: base64(image) } }),
  };

  it.each([
    ['exactly at the limit, not an image', MAX_IMAGE_BYTES, 'unsupported_media'],
    ['one byte over the limit', MAX_IMAGE_BYTES + 1, 'too_large'],
  ])('%s: the same answer on every lane', async (_label, bytes, expected) => {
    const image = new Uint8Array(bytes).fill(7);
    const answers: Record<string, string> = {};
    for (const [lane, send] of Object.entries(lanes)) answers[lane] = await send(api(), image);
    expect(answers).toEqual(Object.fromEntries(Object.keys(lanes).map((lane) => [lane, expected])));
  });
});
