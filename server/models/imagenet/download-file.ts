import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

export interface DownloadProgress {
  receivedBytes: number;
  totalBytes: number;
  /** False when the server sent no usable Content-Length and totalBytes is the caller's estimate. */
  totalIsExact: boolean;
}

export interface DownloadRequest {
  url: string;
  /** The temp file is created here, so the caller can rename it into place atomically (same filesystem). */
  directory: string;
  fileName: string;
  approxBytes?: number;
  onProgress?: (progress: DownloadProgress) => void;
  /** Gives up when no data arrives for this long. */
  idleTimeoutMs?: number;
}

export interface DownloadedFile {
  tempPath: string;
  bytes: number;
  sha256: string;
}

/** Streams a URL into a temp file next to its destination, hashing as it goes; on any failure the temp file is removed. */
export async function downloadToTempFile(request: DownloadRequest): Promise<DownloadedFile> {
  const { url, onProgress } = request;
  const host = new URL(url).host;
  const idleTimeoutMs = request.idleTimeoutMs ?? 30_000;
  const tempPath = path.join(request.directory, `.${request.fileName}.${process.pid}-${randomBytes(4).toString('hex')}.part`);
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const armIdleTimer = () => {
    clearTimeout(timer);
    timer = setTimeout(() => ((timedOut = true), controller.abort()), idleTimeoutMs);
  };
  const timeoutError = () => new Error(`no data from ${host} for ${idleTimeoutMs / 1000} s while downloading ${url} — gave up`);

  armIdleTimer();
  let response: Response;
  try {
    // identity: a compressed body would make Content-Length useless for progress and truncation checks
    response = await fetch(url, { redirect: 'follow', signal: controller.signal, headers: { 'accept-encoding': 'identity' } });
  } catch (error) {
    clearTimeout(timer);
    if (timedOut) throw timeoutError();
    throw new Error(
      `could not reach ${host} (${networkReason(error)}) — are you offline? Set MODELS_BASE_URL to a mirror, or copy the files into MODELS_DIR`,
      { cause: error },
    );
  }

  const exactTotal = contentLength(response);
  const totalBytes = exactTotal ?? request.approxBytes ?? 0;
  const hash = createHash('sha256');
  let receivedBytes = 0;
  try {
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new Error(`HTTP ${response.status} ${response.statusText} from ${url}`);
    }
    await pipeline(
      Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>),
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          if (chunk.length === 0) continue;
          armIdleTimer();
          hash.update(chunk);
          receivedBytes += chunk.length;
          onProgress?.({ receivedBytes, totalBytes: Math.max(totalBytes, receivedBytes), totalIsExact: exactTotal !== undefined });
          yield chunk;
        }
      },
      createWriteStream(tempPath, { flags: 'wx' }),
    ).catch((error: NodeJS.ErrnoException) => {
      if (timedOut) throw timeoutError();
      if (error.syscall) throw new Error(`could not write ${tempPath}: ${error.message}`, { cause: error });
      throw new Error(`download of ${url} was cut off after ${receivedBytes} of ${exactTotal ?? 'unknown'} bytes (${networkReason(error, 'message')})`, { cause: error });
    });
    if (exactTotal !== undefined && receivedBytes < exactTotal) {
      throw new Error(`download of ${url} is truncated: got ${receivedBytes} of ${exactTotal} bytes`);
    }
    if (exactTotal === undefined) onProgress?.({ receivedBytes, totalBytes: receivedBytes, totalIsExact: true });
    await flushToDisk(tempPath);
    return { tempPath, bytes: receivedBytes, sha256: hash.digest('hex') };
  } catch (error) {
    await fs.rm(tempPath, { force: true });
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function contentLength(response: Response): number | undefined {
  const encoding = response.headers.get('content-encoding');
  if (encoding && encoding !== 'identity') return undefined;
  const value = Number(response.headers.get('content-length') ?? Number.NaN);
  return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/** fetch() wraps the useful part (ENOTFOUND, ECONNREFUSED, ...) in `cause`. */
function networkReason(error: unknown, prefer: 'code' | 'message' = 'code'): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const detail = prefer === 'code' ? (cause?.code ?? cause?.message) : (cause?.message ?? cause?.code);
  return detail ?? (error as Error)?.message ?? String(error);
}

/** So a crash right after the rename cannot leave an empty file where the model was. */
async function flushToDisk(filePath: string): Promise<void> {
  const handle = await fs.open(filePath, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
