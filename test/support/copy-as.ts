import { execFile } from 'node:child_process';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { makeTempDir } from './start-api';

// Running what a client's "Copy as …" produced, as a user would paste it into a shell.

/** Runs a copied command in bash (in `cwd`, where it may expect photo.jpg) and returns its output. */
export const runInShell = (command: string, cwd?: string) => promisify(execFile)('bash', ['-c', command], { cwd });

/** A fresh folder holding the photo as photo.jpg, the file every image copy-as command reads. */
export async function folderWithPhoto(photoPath: string): Promise<string> {
  const dir = await makeTempDir('copy-as');
  await copyFile(photoPath, path.join(dir, 'photo.jpg'));
  return dir;
}
