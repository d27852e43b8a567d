import { createHash, randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { isModelName } from '../../../lib/model-name';
import { isTemporaryName, writeDirectoryAtomically } from '../../core/atomic-write';
import { recordProblem, type LinearModelRecord } from './linear-model-record';

export type { LinearModelRecord } from './linear-model-record';

const MODEL_FILE = 'model.onnx';
const RECORD_FILE = 'model.json';
const VERSION_NAME = /^[1-9]\d{0,8}$/;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const reason = (error: unknown) => (error as NodeJS.ErrnoException).code ?? String(error);

/**
 * Trained linear models on disk: DATA_DIR/linear/<name>/<version>/{model.onnx, model.json}.
 * A version directory appears atomically, so a crash mid-save leaves only a temporary directory that is swept at start.
 * Loading skips, with a warning naming the path and the reason, anything it cannot serve, and never throws for it.
 */
export function createLinearModelStore(dataDir: string, warn: (message: string) => void = console.warn) {
  const root = path.join(dataDir, 'linear');
  const versionDir = (name: string, version: number) => path.join(root, name, String(version));
  const skip = (entry: string, why: string) => warn(`ModelWire: skipping ${entry}: ${why}.`);

  async function entriesOf(dir: string): Promise<Dirent[]> {
    try {
      return await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (reason(error) !== 'ENOENT') skip(dir, `cannot be listed (${reason(error)})`);
      return [];
    }
  }

  /** The record of one version directory, or why it cannot be served. */
  async function readVersion(dir: string, name: string, version: number): Promise<LinearModelRecord | string> {
    let record: unknown;
    try {
      record = JSON.parse(await readFile(path.join(dir, RECORD_FILE), 'utf8'));
    } catch (error) {
      return error instanceof SyntaxError ? `${RECORD_FILE} is not JSON` : `${RECORD_FILE} cannot be read (${reason(error)})`;
    }
    const problem = recordProblem(record, name, version);
    if (problem) return `${RECORD_FILE} ${problem}`;
    const saved = record as LinearModelRecord;
    try {
      if (sha256(await readFile(path.join(dir, MODEL_FILE))) !== saved.sha256) return `${MODEL_FILE} does not match the sha256 in ${RECORD_FILE}`;
    } catch (error) {
      return `${MODEL_FILE} cannot be read (${reason(error)})`;
    }
    return saved;
  }

  async function loadAll(): Promise<LinearModelRecord[]> {
    const records: LinearModelRecord[] = [];
    for (const model of await entriesOf(root)) {
      const nameDir = path.join(root, model.name);
      if (!model.isDirectory() || !isModelName(model.name)) {
        skip(nameDir, model.isDirectory() ? 'not a valid model name' : 'not a model folder');
        continue;
      }
      for (const entry of await entriesOf(nameDir)) {
        const entryPath = path.join(nameDir, entry.name);
        if (isTemporaryName(entry.name)) {
          await rm(entryPath, { recursive: true, force: true }).catch((error) => skip(entryPath, `cannot be removed (${reason(error)})`));
        } else if (!entry.isDirectory() || !VERSION_NAME.test(entry.name)) {
          skip(entryPath, 'not a version folder');
        } else {
          const loaded = await readVersion(entryPath, model.name, Number(entry.name));
          if (typeof loaded === 'string') skip(entryPath, loaded);
          else records.push(loaded);
        }
      }
    }
    return records.sort((a, b) => a.name.localeCompare(b.name) || a.version - b.version);
  }

  /** One past the highest version folder on disk, readable or not, so a new version never lands on an old folder. */
  async function nextVersion(name: string): Promise<number> {
    const versions = (await entriesOf(path.join(root, name))).filter((entry) => VERSION_NAME.test(entry.name)).map((entry) => Number(entry.name));
    return Math.max(0, ...versions) + 1;
  }

  async function save(record: Omit<LinearModelRecord, 'sha256'>, onnxBytes: Uint8Array): Promise<LinearModelRecord> {
    const saved: LinearModelRecord = { ...record, sha256: sha256(onnxBytes) };
    const problem = recordProblem(saved, record.name, record.version);
    if (problem) throw new Error(`refusing to save ${record.name} v${record.version}: the record ${problem}`);
    await writeDirectoryAtomically(versionDir(record.name, record.version), {
      [MODEL_FILE]: onnxBytes,
      [RECORD_FILE]: `${JSON.stringify(saved, null, 2)}\n`,
    });
    return saved;
  }

  /** Deletes a version: renamed to a temporary name first, so a crash midway leaves only what start-up sweeps. */
  async function remove(name: string, version: number): Promise<void> {
    const doomed = path.join(root, name, `.tmp-removed-${version}-${randomBytes(6).toString('hex')}`);
    await rename(versionDir(name, version), doomed);
    await rm(doomed, { recursive: true, force: true });
  }

  const modelPath = (name: string, version: number) => path.join(versionDir(name, version), MODEL_FILE);

  return { loadAll, nextVersion, save, remove, modelPath };
}

export type LinearModelStore = ReturnType<typeof createLinearModelStore>;
