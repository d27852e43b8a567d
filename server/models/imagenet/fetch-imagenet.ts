import fs from 'node:fs/promises';
import { downloadToTempFile, type DownloadedFile, type DownloadProgress } from './download-file';
import { downloadUrl, IMAGENET_LABELS, IMAGENET_MODEL, imagenetPaths, type ModelFile } from './imagenet-files';
import { verifyImagenetFiles, type ImagenetVerification } from './verify-imagenet';

export interface FileProgress extends DownloadProgress {
  fileName: string;
  url: string;
}

export interface FetchImagenetOptions {
  modelsDir: string;
  /** MODELS_BASE_URL: a folder URL holding both files; the upstream URLs when undefined. */
  baseUrl?: string;
  onProgress?: (progress: FileProgress) => void;
  /** Download again even when valid files are already in place. */
  force?: boolean;
  idleTimeoutMs?: number;
}

export interface FetchImagenetSummary {
  /** True when valid files were already in place and nothing was downloaded. */
  alreadyPresent: boolean;
  /** Why files already in MODELS_DIR were replaced, when they did not verify. */
  replacedBecause?: string;
  verification: ImagenetVerification;
  downloadedBytes: number;
  seconds: number;
}

// Labels first: small, and a wrong MODELS_BASE_URL shows up before the long download.
const FILES = [IMAGENET_LABELS, IMAGENET_MODEL] as const;

/** Puts a verified MobileNetV2 and its labels in modelsDir; never leaves a partial or corrupt file in their place. */
export async function fetchImagenetModel(options: FetchImagenetOptions): Promise<FetchImagenetSummary> {
  const started = performance.now();
  const paths = imagenetPaths(options.modelsDir);
  const elapsed = () => (performance.now() - started) / 1000;

  let replacedBecause: string | undefined;
  if (!options.force && (await exists(paths.model)) && (await exists(paths.labels))) {
    try {
      const verification = await verifyImagenetFiles({ modelPath: paths.model, labelsPath: paths.labels });
      return { alreadyPresent: true, verification, downloadedBytes: 0, seconds: elapsed() };
    } catch (error) {
      replacedBecause = (error as Error).message;
    }
  }

  const urls = FILES.map((file) => checkedUrl(file, options.baseUrl));
  await fs.mkdir(options.modelsDir, { recursive: true }).catch((error: Error) => {
    throw new Error(`could not create MODELS_DIR ${options.modelsDir}: ${error.message}`);
  });

  const downloads: DownloadedFile[] = [];
  let verification: ImagenetVerification;
  try {
    for (const [index, file] of FILES.entries()) {
      const url = urls[index]!;
      const downloaded = await downloadToTempFile({
        url,
        directory: options.modelsDir,
        fileName: file.fileName,
        approxBytes: file.approxBytes,
        idleTimeoutMs: options.idleTimeoutMs,
        onProgress: (progress) => options.onProgress?.({ ...progress, fileName: file.fileName, url }),
      }).catch((error: Error) => {
        throw new Error(`${file.fileName}: ${error.message}`, { cause: error });
      });
      downloads.push(downloaded);
      if (downloaded.sha256 !== file.sha256) {
        throw new Error(
          `${file.fileName} downloaded from ${url} has the wrong SHA-256: expected ${file.sha256}, got ${downloaded.sha256} ` +
            `(${downloaded.bytes} bytes) — the server sent a corrupt or different file; nothing was installed`,
        );
      }
    }
    const [labels, model] = downloads as [DownloadedFile, DownloadedFile];
    verification = await verifyImagenetFiles({ modelPath: model.tempPath, labelsPath: labels.tempPath });
    // Renames within one directory are atomic: readers see the old file or the new one, never a partial one.
    await fs.rename(labels.tempPath, paths.labels);
    await fs.rename(model.tempPath, paths.model);
  } finally {
    await Promise.all(downloads.map((download) => fs.rm(download.tempPath, { force: true })));
  }

  verification.model.path = paths.model;
  verification.labels.path = paths.labels;
  const downloadedBytes = downloads.reduce((sum, download) => sum + download.bytes, 0);
  return { alreadyPresent: false, replacedBecause, verification, downloadedBytes, seconds: elapsed() };
}

function checkedUrl(file: ModelFile, baseUrl: string | undefined): string {
  let url: URL;
  try {
    url = new URL(downloadUrl(file, baseUrl));
  } catch {
    throw new Error(`MODELS_BASE_URL "${baseUrl}" is not a valid URL (expected something like https://mirror.example/models/)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`MODELS_BASE_URL "${baseUrl}" must be an http:// or https:// URL`);
  }
  return url.toString();
}

const exists = (filePath: string) =>
  fs.access(filePath).then(
    () => true,
    () => false,
  );
