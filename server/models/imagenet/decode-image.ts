import sharp from 'sharp';
import { IMAGENET_CROP_SIZE, imagenetCropGeometry } from '../../../lib/featurize/image';
import { ModelWireError } from '../../../lib/model-wire-error';
import { MAX_IMAGE_BYTES } from '../../../lib/size-limits';

sharp.cache(false);

/**
 * Decodes JPEG/PNG/WebP/... bytes into the model's view of the picture: EXIF orientation applied,
 * short side resized to 256, centre 224×224 crop, 8-bit RGB, interleaved.
 */
export async function decodeForImagenet(bytes: Uint8Array, maxPixels: number): Promise<Uint8Array> {
  if (bytes.length === 0) throw new ModelWireError('invalid_input', 'The image is empty (0 bytes).');
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw new ModelWireError('too_large', `The image file has ${bytes.length} bytes; the limit is ${MAX_IMAGE_BYTES}.`, { maxBytes: MAX_IMAGE_BYTES });
  }
  const { width, height } = await decodableSize(bytes, maxPixels);
  // One resize per sharp pipeline (a second resize() replaces the first), so the crop is an extract after it.
  const { resizedWidth, resizedHeight, left, top } = imagenetCropGeometry(width, height);
  try {
    const { data } = await sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error' })
      .rotate()
      .resize({ width: resizedWidth, height: resizedHeight, fit: 'fill', kernel: 'cubic' })
      .extract({ left, top, width: IMAGENET_CROP_SIZE, height: IMAGENET_CROP_SIZE })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  } catch (error) {
    throw new ModelWireError('invalid_input', `The image could not be decoded: ${messageOf(error)}`);
  }
}

/**
 * Reads only the header, so a decompression bomb is refused before a single pixel is decoded. Answers the size as
 * displayed (EXIF orientation applied).
 */
async function decodableSize(bytes: Uint8Array, maxPixels: number): Promise<{ width: number; height: number }> {
  let width: number | undefined;
  let height: number | undefined;
  let oriented: { width: number; height: number } | undefined;
  try {
    ({ width, height, autoOrient: oriented } = await sharp(bytes, { limitInputPixels: false }).metadata());
  } catch {
    throw new ModelWireError('unsupported_media', 'The upload is not an image ModelWire can read (JPEG, PNG, WebP, GIF, AVIF or TIFF).');
  }
  if (!width || !height) throw new ModelWireError('unsupported_media', 'The image has no dimensions.');
  if (width * height > maxPixels) {
    throw new ModelWireError('too_large', `The image is ${width}×${height} pixels; the limit is ${maxPixels.toLocaleString('en')} pixels.`, {
      width,
      height,
      maxPixels,
    });
  }
  return oriented ?? { width, height };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
