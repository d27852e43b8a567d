import { readFile } from 'node:fs/promises';
import { createClient } from '@connectrpc/connect';
import { createGrpcWebTransport } from '@connectrpc/connect-web';
import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { InferenceService } from '../lib/gen/modelwire/v1/inference_pb';
import { expectGrpcStatus, unary, useGrpcJsClients } from './grpc-support';
import { houseFinch, SHARED_IMAGENET_DIR, sharedPhotos, skipWithoutSharedImagenet } from './support/shared-files';
import { useApi } from './support/use-api';

interface Label {
  label: string;
  classIndex: number;
  probability: number;
}

async function restLabels(url: string, photo: Buffer): Promise<Label[]> {
  const form = new FormData();
  form.set('image', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'photo.jpg');
  const response = await fetch(`${url}/v1/models/mobilenetv2/predict`, { method: 'POST', body: form });
  expect(response.status).toBe(200);
  return (await response.json()).output.labels;
}

describe.skipIf(skipWithoutSharedImagenet())('MobileNetV2 over gRPC and gRPC-Web with the shared ImageNet photos', () => {
  const api = useApi({ modelsDir: SHARED_IMAGENET_DIR });
  const clients = useGrpcJsClients(api);

  it('raw photo bytes give the same labels as REST, through ClassifyImage and Predict, native and gRPC-Web', async () => {
    const photos = sharedPhotos().filter((_, i) => i % 250 === 0);
    expect(photos).toHaveLength(4);
    const web = createClient(InferenceService, createGrpcWebTransport({ baseUrl: api().url }));
    for (const photo of photos) {
      const bytes = await readFile(photo.path);
      const rest = await restLabels(api().url, bytes);
      const classified = await unary(clients().inference, 'ClassifyImage', { image: bytes });
      expect(classified.model).toEqual({ name: 'mobilenetv2', version: 1 });
      expect(classified.labels).toEqual(rest);
      const predicted = await unary(clients().inference, 'Predict', { model: 'mobilenetv2', image: bytes, topK: 5 });
      expect(predicted.classification.labels).toEqual(rest);
      const overWeb = await web.classifyImage({ image: new Uint8Array(bytes) });
      expect(overWeb.labels.map(({ label, classIndex, probability }) => ({ label, classIndex, probability }))).toEqual(rest);
    }
  });

  it('takes topK, and calls the house finch a house finch', async () => {
    const photo = houseFinch();
    const answer = await unary(clients().inference, 'ClassifyImage', { image: await readFile(photo.path), topK: 3 });
    expect(answer.labels).toHaveLength(3);
    expect(answer.labels[0]).toMatchObject({ label: 'house finch', classIndex: photo.classIndex });
    expect(answer.timing.inferenceMs).toBeGreaterThan(0);
  });

  it('bad images get INVALID_ARGUMENT with the contract code, and the next photo is classified', async () => {
    const text = Buffer.from('This is a plain text file, not a picture.\n');
    await expectGrpcStatus(unary(clients().inference, 'ClassifyImage', { image: text }), status.INVALID_ARGUMENT, 'unsupported_media');
    await expectGrpcStatus(unary(clients().inference, 'ClassifyImage', { image: Buffer.alloc(0) }), status.INVALID_ARGUMENT, 'invalid_input');
    await expectGrpcStatus(unary(clients().inference, 'ClassifyImage', { image: Buffer.from('x'), topK: 99 }), status.INVALID_ARGUMENT, 'invalid_input');
    await expectGrpcStatus(unary(clients().inference, 'Predict', { model: 'mobilenetv2', text: 'a cat' }), status.INVALID_ARGUMENT, 'invalid_input');
    const photo = sharedPhotos()[0]!;
    const answer = await unary(clients().inference, 'ClassifyImage', { image: await readFile(photo.path) });
    expect(answer.labels).toHaveLength(5);
  });
});
