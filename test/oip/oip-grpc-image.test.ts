import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unary } from '../grpc-support';
import { houseFinch, SHARED_IMAGENET_DIR, sharedPhotos, skipWithoutSharedImagenet } from '../support/shared-files';
import { rawBytesTensor, rawFloat32Tensor, readRawBytesTensor, readRawFloat32Tensor, useOipGrpcClient } from './oip-grpc-client';
import { useOipHarness } from './oip-harness';
import { argmax, imagenetTensorOf } from './oip-images';

describe.skipIf(skipWithoutSharedImagenet())('OIP gRPC: MobileNetV2 with the shared ImageNet photos', () => {
  const oip = useOipHarness();
  const client = useOipGrpcClient(() => oip().grpcAddress);
  const infer = (request: object) => unary(client(), 'ModelInfer', request);
  const photos = () => [houseFinch(), ...sharedPhotos().filter((_, index) => index % 250 === 0)];

  it('classifies N encoded images sent as raw BYTES, with top_k as an int64 parameter', async () => {
    const images = await Promise.all(photos().map((photo) => readFile(photo.path)));
    const response = await infer({
      model_name: 'mobilenetv2',
      parameters: { top_k: { int64_param: 2 } },
      inputs: [{ name: 'image', datatype: 'BYTES', shape: [images.length] }],
      raw_input_contents: [rawBytesTensor(images)],
    });
    expect(response.outputs[0]).toMatchObject({ name: 'labels', datatype: 'BYTES', shape: [images.length, 2] });
    expect(readRawBytesTensor(response.raw_output_contents[0])[0]).toBe('house finch');
    expect(readRawFloat32Tensor(response.raw_output_contents[1])).toHaveLength(images.length * 2);
  });

  it('runs raw FP32 [N, 3, 224, 224] tensors to [N, 1000] logits whose argmax is the image path\'s top-1', async () => {
    const labels: string[] = JSON.parse(await readFile(path.join(SHARED_IMAGENET_DIR, 'imagenet-simple-labels.json'), 'utf8'));
    const chosen = photos();
    const tensors = await Promise.all(chosen.map((photo) => imagenetTensorOf(photo.path)));
    const batch = new Float32Array(tensors.length * tensors[0]!.length);
    tensors.forEach((tensor, index) => batch.set(tensor, index * tensor.length));
    const raw = await infer({
      model_name: 'mobilenetv2',
      inputs: [{ name: 'input', datatype: 'FP32', shape: [chosen.length, 3, 224, 224] }],
      raw_input_contents: [rawFloat32Tensor(batch)],
    });
    expect(raw.outputs).toEqual([expect.objectContaining({ name: 'output', datatype: 'FP32', shape: [chosen.length, 1000] })]);
    const logits = readRawFloat32Tensor(raw.raw_output_contents[0]);

    const images = await Promise.all(chosen.map((photo) => readFile(photo.path)));
    const classified = await infer({
      model_name: 'mobilenetv2',
      parameters: { top_k: { int64_param: 1 } },
      inputs: [{ name: 'image', datatype: 'BYTES', shape: [images.length], contents: { bytes_contents: images } }],
    });
    const topLabels = classified.outputs[0].contents.bytes_contents.map(String);
    chosen.forEach((_, index) => expect(labels[argmax(logits.slice(index * 1000, (index + 1) * 1000))]).toBe(topLabels[index]));
    expect(topLabels[0]).toBe('house finch');
  });
});
