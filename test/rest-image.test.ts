import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createRestClient } from '../lib/clients/rest-client';
import { folderWithPhoto, runInShell } from './support/copy-as';
import { houseFinch, SHARED_IMAGENET_DIR, sharedPhotos, skipWithoutSharedImagenet } from './support/shared-files';
import { postJson } from './support/start-api';
import { useApi } from './support/use-api';

async function uploadTo(url: string, filePath: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.set('image', new Blob([await readFile(filePath)], { type: 'image/jpeg' }), filePath.split('/').pop());
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  const response = await fetch(url, { method: 'POST', body: form });
  return { status: response.status, json: await response.json() };
}

describe.skipIf(skipWithoutSharedImagenet())('MobileNetV2 over REST with the shared ImageNet photos', () => {
  const api = useApi({ modelsDir: SHARED_IMAGENET_DIR });

  it('puts the true class in the top 5 for at least 18 of 20 uploaded photos (every 50th photo)', async () => {
    const photos = sharedPhotos().filter((_, i) => i % 50 === 0);
    expect(photos).toHaveLength(20);
    let hits = 0;
    for (const photo of photos) {
      const { status, json } = await uploadTo(`${api().url}/v1/models/mobilenetv2/predict`, photo.path);
      expect(status).toBe(200);
      expect(json.output.labels).toHaveLength(5);
      if (json.output.labels.some((label: { classIndex: number }) => label.classIndex === photo.classIndex)) hits++;
    }
    console.info(`top-5 hits: ${hits}/20`);
    expect(hits).toBeGreaterThanOrEqual(18);
  });

  it('calls the house finch a house finch, with model, version and timing', async () => {
    const photo = houseFinch();
    const { status, json } = await uploadTo(`${api().url}/v1/models/mobilenetv2/predict`, photo.path, { topK: '3' });
    expect(status).toBe(200);
    expect(json.model).toEqual({ name: 'mobilenetv2', version: 1 });
    expect(json.output.labels).toHaveLength(3);
    expect(json.output.labels[0]).toMatchObject({ label: 'house finch', classIndex: photo.classIndex });
    expect(json.timing.inferenceMs).toBeGreaterThan(0);
    expect(json.timing.serverMs).toBeGreaterThanOrEqual(json.timing.inferenceMs);
  });

  it('takes the same photo as JSON base64 and answers the same', async () => {
    const photo = houseFinch();
    const base64 = (await readFile(photo.path)).toString('base64');
    const { status, json } = await postJson(`${api().url}/v1/models/mobilenetv2/predict`, { image: `data:image/jpeg;base64,${base64}` });
    expect(status).toBe(200);
    expect(json.output.labels[0].label).toBe('house finch');
    // The same bytes again, as an upload this time: the prediction cache answers (the key is the image's hash, not its
    // encoding on the wire); another topK is another answer.
    const again = await uploadTo(`${api().url}/v1/models/mobilenetv2/predict`, photo.path);
    expect({ cached: again.json.cached, output: again.json.output }).toEqual({ cached: true, output: json.output });
    const anotherTopK = await postJson(`${api().url}/v1/models/mobilenetv2/predict`, { image: base64, topK: 2 });
    expect({ cached: anotherTopK.json.cached, labels: anotherTopK.json.output.labels.length }).toEqual({ cached: false, labels: 2 });
  });

  it('answers the seed deck\'s /classify with the top 3 as {class, confidence}', async () => {
    const photo = houseFinch();
    const { status, json } = await uploadTo(`${api().url}/classify`, photo.path);
    expect(status).toBe(200);
    expect(json.predictions).toHaveLength(3);
    expect(json.predictions[0].class).toBe('house finch');
    expect(json.predictions[0].confidence).toBeGreaterThan(json.predictions[1].confidence);
  });

  it('copy-as sends the JSON base64 body the lane sends, read from photo.jpg, and curl gets the same answer', async () => {
    const image = new Uint8Array(await readFile(houseFinch().path));
    const command = createRestClient(api().url).copyAs('mobilenetv2', { kind: 'image', image }, { topK: 3 });
    expect(command).toContain("--data-binary @-");
    const { stdout } = await runInShell(`${command} -s`, await folderWithPhoto(houseFinch().path));
    const answer = JSON.parse(stdout);
    expect(answer.output.labels).toHaveLength(3);
    expect(answer.output.labels[0].label).toBe('house finch');
  });
});
