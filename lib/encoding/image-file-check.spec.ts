import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { MAX_IMAGE_BYTES } from '../size-limits';
import { imageFileProblem, imageTypeOf, SIGNATURE_BYTES } from './image-file-check';

const pixel = sharp({ create: { width: 2, height: 2, channels: 3, background: '#c33' } });
const head = (bytes: Uint8Array) => bytes.subarray(0, SIGNATURE_BYTES);

describe('imageTypeOf', () => {
  it.each([
    ['image/jpeg', () => pixel.clone().jpeg().toBuffer()],
    ['image/png', () => pixel.clone().png().toBuffer()],
    ['image/webp', () => pixel.clone().webp().toBuffer()],
    ['image/gif', () => pixel.clone().gif().toBuffer()],
    ['image/tiff', () => pixel.clone().tiff().toBuffer()],
    ['image/avif', () => pixel.clone().avif().toBuffer()],
  ])('knows %s by the first bytes sharp writes', async (type, make) => {
    expect(imageTypeOf(head(await make()))).toBe(type);
  });

  it('knows nothing else', () => {
    expect(imageTypeOf(new TextEncoder().encode('%PDF-1.7\n'))).toBeUndefined();
    expect(imageTypeOf(new Uint8Array([0xff, 0xd8]))).toBeUndefined();
    expect(imageTypeOf(new Uint8Array())).toBeUndefined();
  });
});

describe('imageFileProblem', () => {
  const jpegHead = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);

  it('accepts an image under the limit', () => {
    expect(imageFileProblem({ name: 'a.jpg', size: 1000 }, jpegHead)).toBeUndefined();
    expect(imageFileProblem({ name: 'a.jpg', size: MAX_IMAGE_BYTES }, jpegHead)).toBeUndefined();
  });

  it('refuses a file over the limit every protocol shares, whatever its bytes', () => {
    expect(imageFileProblem({ name: 'big.jpg', size: MAX_IMAGE_BYTES + 1 }, jpegHead)).toMatch(/big\.jpg is 15\.0 MB; every protocol takes images up to 15\.0 MB/);
  });

  it('refuses a file whose first bytes are no image, and an empty one', () => {
    expect(imageFileProblem({ name: 'noise.jpg', size: 10_000 }, new Uint8Array([1, 2, 3, 4]))).toMatch(/noise\.jpg is not an image the server can read/);
    expect(imageFileProblem({ name: 'empty.png', size: 0 }, new Uint8Array())).toMatch(/empty/);
  });
});
