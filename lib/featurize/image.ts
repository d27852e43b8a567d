// ImageNet preprocessing shared by server and browser inference: the numbers MobileNetV2 was trained with.

export const IMAGENET_RESIZE_SHORT_SIDE = 256;
export const IMAGENET_CROP_SIZE = 224;
export const IMAGENET_MEAN = [0.485, 0.456, 0.406] as const;
export const IMAGENET_STD = [0.229, 0.224, 0.225] as const;

/**
 * Where ImageNet preprocessing puts an image of width × height (after EXIF orientation): resized so its short side is
 * 256, then the centre 224 × 224 cut out. The server (sharp) and the browser (canvas) both follow it.
 */
export function imagenetCropGeometry(width: number, height: number) {
  const scale = IMAGENET_RESIZE_SHORT_SIDE / Math.min(width, height);
  const resizedWidth = Math.max(IMAGENET_CROP_SIZE, Math.round(width * scale));
  const resizedHeight = Math.max(IMAGENET_CROP_SIZE, Math.round(height * scale));
  const left = Math.floor((resizedWidth - IMAGENET_CROP_SIZE) / 2);
  const top = Math.floor((resizedHeight - IMAGENET_CROP_SIZE) / 2);
  return { resizedWidth, resizedHeight, left, top };
}

/** For each channel, the normalised value of every byte: (byte / 255 - mean) / std, computed once. */
const NORMALISED_BYTES: readonly Float32Array[] = IMAGENET_MEAN.map((mean, channel) =>
  Float32Array.from({ length: 256 }, (_, byte) => (byte / 255 - mean) / IMAGENET_STD[channel]!),
);

/**
 * Turns interleaved RGB bytes (HWC, already resized and cropped to size × size) into the
 * planar, normalised float tensor data ([3, size, size]) the model expects.
 * A table lookup per byte instead of a division: this runs on the server's event loop for every image.
 * `out`: where to write them (a place in a batch), a new array when left out.
 */
export function imagenetTensorData(rgb: Uint8Array, size: number = IMAGENET_CROP_SIZE, out: Float32Array = new Float32Array(size * size * 3)): Float32Array {
  const plane = size * size;
  if (rgb.length !== plane * 3) throw new Error(`expected ${plane * 3} RGB bytes for ${size}×${size}, got ${rgb.length}`);
  if (out.length !== plane * 3) throw new Error(`expected room for ${plane * 3} values for ${size}×${size}, got ${out.length}`);
  const [red, green, blue] = NORMALISED_BYTES as [Float32Array, Float32Array, Float32Array];
  for (let pixel = 0, byte = 0; pixel < plane; pixel++, byte += 3) {
    out[pixel] = red[rgb[byte]!]!;
    out[plane + pixel] = green[rgb[byte + 1]!]!;
    out[2 * plane + pixel] = blue[rgb[byte + 2]!]!;
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
