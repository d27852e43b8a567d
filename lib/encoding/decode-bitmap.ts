import { ModelWireError } from '../model-wire-error';

/** The image decoded by the browser, EXIF orientation applied; the caller closes it. */
export async function decodeBitmap(image: Uint8Array): Promise<ImageBitmap> {
  if (typeof createImageBitmap === 'undefined') throw new ModelWireError('internal', 'Decoding an image needs createImageBitmap (a browser).');
  try {
    return await createImageBitmap(new Blob([image as Uint8Array<ArrayBuffer>]), { imageOrientation: 'from-image' });
  } catch {
    throw new ModelWireError('unsupported_media', 'This browser cannot decode the file as an image (JPEG, PNG, WebP, GIF, AVIF ...).');
  }
}
