import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { joinBinaryFrame } from '../lib/websocket-binary-frame';
import { houseFinch, SHARED_IMAGENET_DIR, sharedPhotos, skipWithoutSharedImagenet } from './support/shared-files';
import { useApi } from './support/use-api';
import { useSocket } from './websocket-client';

async function restTop1(url: string, photo: Buffer) {
  const form = new FormData();
  form.set('image', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'photo.jpg');
  const response = await fetch(`${url}/v1/models/mobilenetv2/predict`, { method: 'POST', body: form });
  return (await response.json()).output.labels[0];
}

describe.skipIf(skipWithoutSharedImagenet())('WebSocket /ws: images as binary frames, with the shared ImageNet photos', () => {
  const api = useApi({ modelsDir: SHARED_IMAGENET_DIR });
  const socket = useSocket(api);

  it('classifies photos sent as binary frames with the same top-1 as REST', async () => {
    const photos = sharedPhotos().filter((_, i) => i % 100 === 0);
    expect(photos.length).toBeGreaterThanOrEqual(5);
    for (const photo of photos) {
      const bytes = await readFile(photo.path);
      const id = `img-${photo.file}`;
      socket().send(joinBinaryFrame({ id, type: 'predict', model: 'mobilenetv2', topK: 3 }, bytes));
      const reply = await socket().next((message) => message.id === id);
      expect(reply, photo.file).toMatchObject({ type: 'result', model: { name: 'mobilenetv2', version: 1 }, output: { kind: 'classification' } });
      expect(reply.output.labels).toHaveLength(3);
      expect(reply.output.labels[0]).toEqual(await restTop1(api().url, bytes));
      expect(reply.timing.preprocessMs).toBeGreaterThan(0);
    }
  });

  it('takes the same photo as base64 in JSON and answers the same', async () => {
    const image = (await readFile(houseFinch().path)).toString('base64');
    const reply = await socket().request({ id: 'b64', type: 'predict', model: 'mobilenetv2', input: { image } });
    expect(reply.output.labels[0]).toMatchObject({ label: 'house finch', classIndex: houseFinch().classIndex });
  });

  it('answers bytes that are not an image with an error carrying the id, then classifies again', async () => {
    socket().send(joinBinaryFrame({ id: 'junk', type: 'predict', model: 'mobilenetv2' }, new TextEncoder().encode('not an image at all')));
    const reply = await socket().next((message) => message.id === 'junk');
    expect(reply).toMatchObject({ type: 'error', error: { code: 'unsupported_media' } });
    socket().send(joinBinaryFrame({ id: 'after-junk', type: 'predict', model: 'mobilenetv2' }, await readFile(sharedPhotos()[0]!.path)));
    expect((await socket().next((message) => message.id === 'after-junk')).type).toBe('result');
  });
});
