import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

async function writeDurably(filePath: string, data: Uint8Array | string): Promise<void> {
  const handle = await open(filePath, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes a rename in `dir` survive a power cut: the directory entry itself is flushed. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export const isTemporaryName = (name: string) => name.startsWith('.tmp-');

const temporaryPath = (dir: string) => path.join(dir, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);

/** Writes a file so readers see either the old content or the whole new content, never half of it. */
export async function writeFileAtomically(filePath: string, data: Uint8Array | string): Promise<void> {
  const dir = path.dirname(filePath);
  await mkdir(dir, { recursive: true });
  const tmp = temporaryPath(dir);
  try {
    await writeDurably(tmp, data);
    await rename(tmp, filePath);
    await syncDirectory(dir);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** Creates a directory holding `files`, appearing all at once under `dirPath` (which must not exist yet). */
export async function writeDirectoryAtomically(dirPath: string, files: Record<string, Uint8Array | string>): Promise<void> {
  const parent = path.dirname(dirPath);
  await mkdir(parent, { recursive: true });
  const tmp = temporaryPath(parent);
  try {
    await mkdir(tmp);
    for (const [name, data] of Object.entries(files)) await writeDurably(path.join(tmp, name), data);
    await syncDirectory(tmp);
    await rename(tmp, dirPath);
    await syncDirectory(parent);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
}
