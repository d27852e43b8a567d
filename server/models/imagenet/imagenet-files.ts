import path from 'node:path';

/** The ImageNet classifier's files: where they live in MODELS_DIR, where they come from, and what they must hash to. */
export interface ModelFile {
  fileName: string;
  /** Where `npm run models:fetch` downloads it from when MODELS_BASE_URL is not set. */
  upstreamUrl: string;
  sha256: string;
  /** Rough size, for a progress bar when the server sends no Content-Length. */
  approxBytes: number;
}

export const IMAGENET_MODEL: ModelFile = {
  fileName: 'mobilenetv2-12-int8.onnx',
  upstreamUrl:
    'https://github.com/onnx/models/raw/main/validated/vision/classification/mobilenet/model/mobilenetv2-12-int8.onnx',
  sha256: '83530ad811bc31d2b60a5599a21265a5057608c9b044b4ee758cc22f2309f54f',
  approxBytes: 3_655_640,
};

export const IMAGENET_LABELS: ModelFile = {
  fileName: 'imagenet-simple-labels.json',
  upstreamUrl: 'https://raw.githubusercontent.com/anishathalye/imagenet-simple-labels/master/imagenet-simple-labels.json',
  sha256: '987705581d9446328498f950454a1cc7d8dfc578a8243d8bfdcd2588a6905aae',
  approxBytes: 14_209,
};

export const IMAGENET_FILES = [IMAGENET_MODEL, IMAGENET_LABELS] as const;

export const IMAGENET_INSTALL_COMMAND = 'npm run models:fetch';

export const imagenetPaths = (modelsDir: string) => ({
  model: path.join(modelsDir, IMAGENET_MODEL.fileName),
  labels: path.join(modelsDir, IMAGENET_LABELS.fileName),
});

/** The download URL of a file, honouring MODELS_BASE_URL (a folder URL holding every file by its own name). */
export function downloadUrl(file: ModelFile, baseUrl: string | undefined): string {
  if (!baseUrl) return file.upstreamUrl;
  return new URL(file.fileName, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).toString();
}
