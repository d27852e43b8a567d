import { describe, expect, it } from 'vitest';
import { imagenetCropGeometry, imagenetTensorData } from './image';

describe('imagenetCropGeometry', () => {
  it.each([
    [4000, 3000, { resizedWidth: 341, resizedHeight: 256, left: 58, top: 16 }],
    [3000, 4000, { resizedWidth: 256, resizedHeight: 341, left: 16, top: 58 }],
    [100, 50, { resizedWidth: 512, resizedHeight: 256, left: 144, top: 16 }],
    [224, 224, { resizedWidth: 256, resizedHeight: 256, left: 16, top: 16 }],
  ])('resizes %i×%i to a short side of 256 and cuts out the centre 224', (width, height, expected) => {
    expect(imagenetCropGeometry(width, height)).toEqual(expected);
  });
});

describe('imagenetTensorData', () => {
  // ImageNet's published mean and std, written out here rather than taken from the code under test.
  const normalised = (byte: number, channel: number) => (byte / 255 - [0.485, 0.456, 0.406][channel]!) / [0.229, 0.224, 0.225][channel]!;

  it('turns interleaved RGB bytes into normalised planes: all red, then all green, then all blue', () => {
    const pixels = [[0, 128, 255], [255, 0, 10], [1, 2, 3], [50, 60, 70]];
    const data = imagenetTensorData(Uint8Array.from(pixels.flat()), 2);
    expect(data).toHaveLength(12);
    for (const [pixel, rgb] of pixels.entries()) {
      for (const [channel, byte] of rgb.entries()) expect(data[channel * 4 + pixel]).toBeCloseTo(normalised(byte, channel), 5);
    }
  });

  it('refuses bytes that are not size × size RGB', () => {
    expect(() => imagenetTensorData(new Uint8Array(11), 2)).toThrow(/expected 12 RGB bytes/);
  });
});
