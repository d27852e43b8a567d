import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { houseFinch, sharedPhotos, skipWithoutSharedImagenet } from '../support/shared-files';
import { useOipHarness } from './oip-harness';
import { imagenetTensorOf } from './oip-images';

describe.skipIf(skipWithoutSharedImagenet())('OIP REST: MobileNetV2 with the shared ImageNet photos', () => {
  const oip = useOipHarness();

  const infer = async (body: unknown) => {
    const response = await fetch(`${oip().restUrl}/v2/models/mobilenetv2/infer`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, json: await response.json() };
  };

  it('classifies N base64 images into [N, top_k] labels and probabilities', async () => {
    const photos = [houseFinch(), sharedPhotos()[0]!];
    const data = await Promise.all(photos.map(async (photo) => (await readFile(photo.path)).toString('base64')));
    const { status, json } = await infer({ parameters: { top_k: 3 }, inputs: [{ name: 'image', datatype: 'BYTES', shape: [2], data }] });
    expect(status).toBe(200);
    const [labels, probabilities] = json.outputs;
    expect(labels).toMatchObject({ name: 'labels', datatype: 'BYTES', shape: [2, 3] });
    expect(labels.data[0]).toBe('house finch');
    expect(probabilities).toMatchObject({ name: 'probabilities', datatype: 'FP32', shape: [2, 3] });
    expect(probabilities.data[0]).toBeGreaterThan(probabilities.data[1]);
  });

  it('runs the graph on a preprocessed FP32 [1, 3, 224, 224] tensor and answers its 1000 logits', async () => {
    const tensor = await imagenetTensorOf(houseFinch().path);
    const { status, json } = await infer({ inputs: [{ name: 'input', datatype: 'FP32', shape: [1, 3, 224, 224], data: Array.from(tensor) }] });
    expect(status).toBe(200);
    expect(json.outputs).toHaveLength(1);
    expect(json.outputs[0]).toMatchObject({ name: 'output', datatype: 'FP32', shape: [1, 1000] });
    const logits: number[] = json.outputs[0].data;
    expect(logits.indexOf(Math.max(...logits))).toBe(houseFinch().classIndex);
  });

  it('400 for an image input with a raw tensor\'s datatype, or a raw tensor of the wrong shape', async () => {
    expect((await infer({ inputs: [{ name: 'image', datatype: 'FP32', shape: [1], data: [0] }] })).status).toBe(400);
    const wrongShape = await infer({ inputs: [{ name: 'input', datatype: 'FP32', shape: [1, 3, 2, 2], data: new Array(12).fill(0) }] });
    expect(wrongShape).toEqual({ status: 400, json: { error: expect.stringContaining('[N, 3, 224, 224]'), code: 'invalid_input' } });
  });
});
