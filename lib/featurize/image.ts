// ImageNet preprocessing shared by server and browser inference: the numbers MobileNetV2 was trained with.

export const IMAGENET_RESIZE_SHORT_SIDE = 256;
export const IMAGENET_CROP_SIZE = 224;
export const IMAGENET_MEAN = [0.485, 0.456, 0.406] as const;
export const IMAGENET_STD = [0.229, 0.224, 0.225] as const;

/**
 * Turns interleaved RGB bytes (HWC, already resized and cropped to size × size) into the
 * planar, normalised float tensor data ([3, size, size]) the model expects.
 */
export function imagenetTensorData(rgb: Uint8Array, size: number = IMAGENET_CROP_SIZE): Float32Array {
  const plane = size * size;
  if (rgb.length !== plane * 3) throw new Error(`expected ${plane * 3} RGB bytes for ${size}×${size}, got ${rgb.length}`);
  const out = new Float32Array(plane * 3);
  for (let channel = 0; channel < 3; channel++) {
    const mean = IMAGENET_MEAN[channel]!;
    const std = IMAGENET_STD[channel]!;
    const offset = channel * plane;
    for (let pixel = 0; pixel < plane; pixel++) {
      out[offset + pixel] = (rgb[pixel * 3 + channel]! / 255 - mean) / std;
    }
  }
  return out;
}

/** Numerically stable softmax. */
export function softmax(logits: ArrayLike<number>): Float32Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]!);
  const out = new Float32Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    out[i] = Math.exp(logits[i]! - max);
    sum += out[i]!;
  }
  for (let i = 0; i < out.length; i++) out[i]! /= sum;
  return out;
}

/** Indices of the k largest values, largest first. */
export function topKIndices(values: ArrayLike<number>, k: number): number[] {
  const indices = Array.from({ length: values.length }, (_, i) => i);
  indices.sort((a, b) => values[b]! - values[a]!);
  return indices.slice(0, k);
}
