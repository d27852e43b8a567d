import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { isTemporaryName, writeDirectoryAtomically } from '../../core/atomic-write';

/** What is saved beside each version's ONNX file. */
export interface LinearModelRecord {
  name: string;
  version: number;
  featureCount: number;
  coefficients: number[];
  intercept: number;
  ridge: number;
  r2: number;
  samples: number;
  trainedAt: string;
  sha256: string;
}

const MODEL_FILE = 'model.onnx';
const RECORD_FILE = 'model.json';

/**
 * Trained linear models on disk: DATA_DIR/linear/<name>/<version>/{model.onnx, model.json}.
 * A version directory appears atomically, so a crash mid-save leaves only a temporary directory that is swept at start.
 */
export function createLinearModelStore(dataDir: string) {
  const root = path.join(dataDir, 'linear');
  const versionDir = (name: string, version: number) => path.join(root, name, String(version));

  async function loadAll(): Promise<LinearModelRecord[]> {
    if (!existsSync(root)) return [];
    const records: LinearModelRecord[] = [];
    for (const name of await readdir(root)) {
      const nameDir = path.join(root, name);
      for (const entry of await readdir(nameDir)) {
        if (isTemporaryName(entry)) {
          await rm(path.join(nameDir, entry), { recursive: true, force: true });
          continue;
        }
        if (!/^\d+$/.test(entry)) continue;
        const record = JSON.parse(await readFile(path.join(nameDir, entry, RECORD_FILE), 'utf8')) as LinearModelRecord;
        records.push(record);
      }
    }
    return records.sort((a, b) => a.name.localeCompare(b.name) || a.version - b.version);
  }

  async function save(record: Omit<LinearModelRecord, 'sha256'>, onnxBytes: Uint8Array): Promise<LinearModelRecord> {
    const saved: LinearModelRecord = { ...record, sha256: createHash('sha256').update(onnxBytes).digest('hex') };
    await writeDirectoryAtomically(versionDir(record.name, record.version), {
      [MODEL_FILE]: onnxBytes,
      [RECORD_FILE]: `${JSON.stringify(saved, null, 2)}\n`,
    });
    return saved;
  }

  const modelPath = (name: string, version: number) => path.join(versionDir(name, version), MODEL_FILE);

  return { loadAll, save, modelPath };
}

export type LinearModelStore = ReturnType<typeof createLinearModelStore>;
