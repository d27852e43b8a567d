import { base64Ascii } from './base64-ascii';
import { bodyAroundBase64 } from './off-main-thread';

/** Where a body template puts an image's base64; plain ASCII, so JSON and XML carry it unescaped. */
export const IMAGE_PLACEHOLDER = '__modelwire_image_base64__';

/** How much of an image's base64 the wire view shows. */
const SHOWN_CHARACTERS = 120;

/** A request body ready to send, what the wire view shows of it, and how long building it took. */
export interface EncodedBody<Body = string | Blob | Uint8Array<ArrayBuffer>> {
  /** Text as written; with an image, a Blob (for fetch) or bytes (for mqtt.js) made off the main thread. */
  body: Body;
  /** The body with an image's base64 cut short to its first 120 characters. */
  shown: string;
  bytes: number;
  encodeMs: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** An image's base64 as the wire view shows it: the first 120 characters and how many more there are. */
export function base64Preview(image: Uint8Array): string {
  const shownBytes = (SHOWN_CHARACTERS / 4) * 3;
  const start = decoder.decode(base64Ascii(image.subarray(0, shownBytes)));
  if (image.length <= shownBytes) return start;
  return `${start}… (${Math.ceil(image.length / 3) * 4 - SHOWN_CHARACTERS} more characters)`;
}

/** The text before and after a template's IMAGE_PLACEHOLDER. */
export function aroundPlaceholder(template: string): [before: string, after: string] {
  const at = template.indexOf(IMAGE_PLACEHOLDER);
  if (at < 0) throw new Error('the body template has no image placeholder');
  return [template.slice(0, at), template.slice(at + IMAGE_PLACEHOLDER.length)];
}

export const sizeOf = (body: string | Blob | Uint8Array) =>
  typeof body === 'string' ? encoder.encode(body).length : body instanceof Uint8Array ? body.byteLength : body.size;

/**
 * A text body written by `render`. With an image, `render` is given the placeholder, and the image's base64 goes in its
 * place off the main thread (off-main-thread.ts), as a Blob or as bytes; the shown body gets a short preview instead.
 */
export async function encodeBody(render: (imageText?: string) => string, image?: Uint8Array): Promise<EncodedBody>;
export async function encodeBody(render: (imageText?: string) => string, image: Uint8Array | undefined, as: 'bytes'): Promise<EncodedBody<string | Uint8Array<ArrayBuffer>>>;
export async function encodeBody(render: (imageText?: string) => string, image?: Uint8Array, as: 'blob' | 'bytes' = 'blob'): Promise<EncodedBody> {
  const started = performance.now();
  if (!image) {
    const body = render();
    return { body, shown: body, bytes: sizeOf(body), encodeMs: performance.now() - started };
  }
  const body = await bodyAroundBase64(image, ...aroundPlaceholder(render(IMAGE_PLACEHOLDER)), as);
  return { body, shown: render(base64Preview(image)), bytes: sizeOf(body), encodeMs: performance.now() - started };
}
