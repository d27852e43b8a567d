import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createJobRunner, errorOfJob } from './worker-jobs';
import { ModelWireError } from '../model-wire-error';

const text = async (value: Blob | Uint8Array) => (value instanceof Blob ? value.text() : new TextDecoder().decode(value));

describe('createJobRunner', () => {
  it('puts the base64 of the image between the texts, as a Blob or as bytes', async () => {
    const run = createJobRunner();
    const image = randomBytes(1000);
    const asBlob = await run({ id: 1, kind: 'image', image, task: { kind: 'body-around-base64', before: '{"image":"', after: '"}', as: 'blob' } });
    const asBytes = await run({ id: 2, kind: 'image', task: { kind: 'body-around-base64', before: '<i>', after: '</i>', as: 'bytes' } });
    expect(asBlob).toBeInstanceOf(Blob);
    expect(JSON.parse(await text(asBlob))).toEqual({ image: image.toString('base64') });
    expect(asBytes).toBeInstanceOf(Uint8Array);
    expect(await text(asBytes)).toBe(`<i>${image.toString('base64')}</i>`);
  });

  it('takes an image job without an image to mean the image of the job before', async () => {
    const run = createJobRunner();
    const [first, second] = [randomBytes(10), randomBytes(10)];
    await run({ id: 1, kind: 'image', image: first, task: { kind: 'blob-around-image', before: new Uint8Array([1]) } });
    const frame = await run({ id: 2, kind: 'image', task: { kind: 'blob-around-image', before: new Uint8Array([2]) } });
    expect(new Uint8Array(await (frame as Blob).arrayBuffer())).toEqual(new Uint8Array([2, ...first]));
    const next = await run({ id: 3, kind: 'image', image: second, task: { kind: 'blob-around-image', before: new Uint8Array() } });
    expect(new Uint8Array(await (next as Blob).arrayBuffer())).toEqual(new Uint8Array(second));
  });

  it('refuses an image job before any image, and makes Blobs of bytes', async () => {
    const run = createJobRunner();
    await expect(run({ id: 1, kind: 'image', task: { kind: 'imagenet-pixels' } })).rejects.toThrow(/before any image/);
    expect(await text(await run({ id: 2, kind: 'bytes-blob', bytes: new TextEncoder().encode('abc') }))).toBe('abc');
  });
});

describe('errorOfJob', () => {
  it('keeps a contract error code across to the page, and calls anything else internal', () => {
    expect(errorOfJob(new ModelWireError('unsupported_media', 'not an image'))).toEqual({ code: 'unsupported_media', message: 'not an image' });
    expect(errorOfJob(new Error('boom'))).toEqual({ code: 'internal', message: 'boom' });
  });
});
