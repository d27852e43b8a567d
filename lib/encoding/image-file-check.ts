import { MAX_IMAGE_BYTES } from '../size-limits';

// What the browser checks before an image goes anywhere: the same file gets the same answer on every lane, and a file
// the server would refuse is refused here, with no request at all.

/** The image formats the server decodes (server/models/imagenet/decode-image.ts: sharp), by their first bytes. */
const SIGNATURES: Array<{ type: string; name: string; matches(head: Uint8Array): boolean }> = [
  { type: 'image/jpeg', name: 'JPEG', matches: (head) => startsWith(head, [0xff, 0xd8, 0xff]) },
  { type: 'image/png', name: 'PNG', matches: (head) => startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: 'image/gif', name: 'GIF', matches: (head) => ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a' },
  { type: 'image/webp', name: 'WebP', matches: (head) => ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP' },
  { type: 'image/avif', name: 'AVIF', matches: (head) => ascii(head, 4, 8) === 'ftyp' && /^avi[fs]$/.test(ascii(head, 8, 12)) },
  { type: 'image/tiff', name: 'TIFF', matches: (head) => startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a]) },
];

/** How many leading bytes the check reads. */
export const SIGNATURE_BYTES = 16;

const ACCEPTED_IMAGE_NAMES = SIGNATURES.map((signature) => signature.name);

const startsWith = (head: Uint8Array, prefix: number[]) => prefix.every((byte, i) => head[i] === byte);
const ascii = (head: Uint8Array, from: number, to: number) => String.fromCharCode(...head.subarray(from, to));

/** The image type the bytes start like, or undefined for anything the server cannot read. */
export const imageTypeOf = (head: Uint8Array): string | undefined => SIGNATURES.find((signature) => signature.matches(head))?.type;

const MB = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

/** Why a file cannot be sent as an image (in words for the person who picked it), or undefined when it can. */
export function imageFileProblem(file: { name: string; size: number }, head: Uint8Array): string | undefined {
  if (file.size === 0) return `${file.name} is empty (0 bytes).`;
  if (file.size > MAX_IMAGE_BYTES) {
    return `${file.name} is ${MB(file.size)}; every protocol takes images up to ${MB(MAX_IMAGE_BYTES)}. Nothing was sent.`;
  }
  if (!imageTypeOf(head)) {
    return `${file.name} is not an image the server can read: its first bytes are not those of a ${ACCEPTED_IMAGE_NAMES.join(', ')} file. Nothing was sent.`;
  }
  return undefined;
}
