import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { requirement } from './requirements';

/** ../shared beside the repository: present on developer machines and in CI, absent on a user's machine. */
export const SHARED_DIR = path.resolve(import.meta.dirname, '../../../shared');
export const SHARED_IMAGENET_DIR = path.join(SHARED_DIR, 'models/imagenet');
export const SHARED_PHOTOS_DIR = path.join(SHARED_DIR, 'datasets/imagenet-sample');

export const hasSharedImagenet = existsSync(path.join(SHARED_IMAGENET_DIR, 'mobilenetv2-12-int8.onnx')) && existsSync(SHARED_PHOTOS_DIR);

/** Whether to skip tests that need the shared ImageNet files: printed locally, an error under CI=true. */
export const skipWithoutSharedImagenet = () =>
  requirement(`the shared ImageNet model and photos in ${SHARED_DIR}`, hasSharedImagenet, 'present beside the repository on developer machines and in CI');

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

/** The photo every "names it right" test uses: MobileNetV2 calls it a house finch. */
export const houseFinch = (): SharedPhoto => sharedPhotos().find((photo) => photo.file === 'n01532829_house_finch.JPEG')!;
