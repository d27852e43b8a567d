import { IMAGENET_CROP_SIZE, imagenetCropGeometry } from '../../featurize/image';
import { decodeBitmap } from '../../encoding/decode-bitmap';
import { ModelWireError } from '../../model-wire-error';

type Canvas2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

function context2d(width: number, height: number): Canvas2D {
  if (typeof OffscreenCanvas !== 'undefined') {
    const context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
    if (context) return context;
  }
  if (typeof document !== 'undefined') {
    const canvas = Object.assign(document.createElement('canvas'), { width, height });
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (context) return context;
  }
  throw new ModelWireError('internal', 'Decoding an image needs a canvas (a browser); none is available here.');
}

/**
 * The browser's part of ImageNet preprocessing, as the server does it with sharp: EXIF orientation applied, short side
 * resized to 256 (high-quality smoothing), centre 224×224 crop, interleaved RGB (alpha dropped).
 */
export async function decodeImageWithCanvas(image: Uint8Array): Promise<Uint8Array> {
  const bitmap = await decodeBitmap(image);
  try {
    const { resizedWidth: width, resizedHeight: height, left, top } = imagenetCropGeometry(bitmap.width, bitmap.height);
    const context = context2d(width, height);
    context.imageSmoothingEnabled = true;
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    const rgba = context.getImageData(left, top, IMAGENET_CROP_SIZE, IMAGENET_CROP_SIZE).data;
    const rgb = new Uint8Array(IMAGENET_CROP_SIZE * IMAGENET_CROP_SIZE * 3);
    for (let pixel = 0, out = 0; pixel < rgba.length; pixel += 4) {
      rgb[out++] = rgba[pixel]!;
      rgb[out++] = rgba[pixel + 1]!;
      rgb[out++] = rgba[pixel + 2]!;
    }
    return rgb;
  } finally {
    bitmap.close();
  }
}
