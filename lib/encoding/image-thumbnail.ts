import { ModelWireError } from '../model-wire-error';
import { decodeBitmap } from './decode-bitmap';

/**
 * A small JPEG of the image for the page to preview, made where this runs (the page's worker): decoding a 4000×3000
 * photo for an <img> otherwise costs the page's main thread.
 */
export async function imageThumbnail(image: Uint8Array, maxSide: number): Promise<Blob> {
  if (typeof OffscreenCanvas === 'undefined') throw new ModelWireError('internal', 'A preview needs OffscreenCanvas (a browser).');
  const bitmap = await decodeBitmap(image);
  try {
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    const [width, height] = [Math.max(1, Math.round(bitmap.width * scale)), Math.max(1, Math.round(bitmap.height * scale))];
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new ModelWireError('internal', 'No 2D canvas for the preview.');
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    return await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
  } finally {
    bitmap.close();
  }
}
