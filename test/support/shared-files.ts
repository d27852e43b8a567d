import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** ../shared beside the repository: present on developer machines and in CI, absent on a user's machine. */
export const SHARED_DIR = path.resolve(import.meta.dirname, '../../../shared');
export const SHARED_IMAGENET_DIR = path.join(SHARED_DIR, 'models/imagenet');
export const SHARED_PHOTOS_DIR = path.join(SHARED_DIR, 'datasets/imagenet-sample');

export const hasSharedImagenet = existsSync(path.join(SHARED_IMAGENET_DIR, 'mobilenetv2-12-int8.onnx')) && existsSync(SHARED_PHOTOS_DIR);

export function skipReasonWithoutShared(what: string): string | undefined {
  if (hasSharedImagenet) return undefined;
  const reason = `skipping ${what}: ${SHARED_DIR} (ImageNet model and photos) is not present on this machine`;
  console.warn(reason);
  return reason;
}

export interface SharedPhoto {
  file: string;
  path: string;
  /** ImageNet class index: the position of the file's WordNet id in the sorted list of ids. */
  classIndex: number;
}

export function sharedPhotos(): SharedPhoto[] {
  const files = readdirSync(SHARED_PHOTOS_DIR).filter((file) => file.endsWith('.JPEG')).sort();
  const wnids = [...new Set(files.map((file) => file.split('_')[0]!))].sort();
  return files.map((file) => ({ file, path: path.join(SHARED_PHOTOS_DIR, file), classIndex: wnids.indexOf(file.split('_')[0]!) }));
}
