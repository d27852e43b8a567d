import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseSentimentSidecar, type SentimentSidecar } from '../../../lib/featurize/sentiment-sidecar';
import { writeFileAtomically } from '../../core/atomic-write';

export const SENTIMENT_ONNX_FILE = 'sentiment.onnx';
export const SENTIMENT_SIDECAR_FILE = 'sentiment.json';

/** `${dataDir}/sentiment/sentiment.onnx` and its JSON sidecar. */
export function sentimentPaths(dataDir: string) {
  const dir = path.join(dataDir, 'sentiment');
  return { dir, model: path.join(dir, SENTIMENT_ONNX_FILE), sidecar: path.join(dir, SENTIMENT_SIDECAR_FILE) };
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Each file is written to a temporary file in the same directory and renamed into place, so a crash never
 * leaves half a file. The ONNX file goes first and the sidecar, which holds its hash, last: a crash between
 * the two leaves a hash mismatch that readSentimentArtifacts reports and ensureSentimentModel repairs.
 */
export async function writeSentimentArtifacts(dataDir: string, onnx: Uint8Array, sidecar: SentimentSidecar): Promise<void> {
  if (sidecar.sha256 !== sha256Hex(onnx)) throw new Error('sidecar sha256 does not match the ONNX bytes');
  const paths = sentimentPaths(dataDir);
  await writeFileAtomically(paths.model, onnx);
  await writeFileAtomically(paths.sidecar, `${JSON.stringify(sidecar, null, 2)}\n`);
}

export interface SentimentArtifacts {
  onnx: Uint8Array;
  sidecar: SentimentSidecar;
}

/** Reads and checks the pair; throws an Error naming the problem (missing, stale featurizer, hash mismatch). */
export async function readSentimentArtifacts(dataDir: string): Promise<SentimentArtifacts> {
  const paths = sentimentPaths(dataDir);
  const [onnxBuffer, sidecarText] = await Promise.all([readFile(paths.model), readFile(paths.sidecar, 'utf8')]);
  const sidecar = parseSentimentSidecar(JSON.parse(sidecarText) as unknown);
  const onnx = new Uint8Array(onnxBuffer.buffer, onnxBuffer.byteOffset, onnxBuffer.byteLength);
  const actual = sha256Hex(onnx);
  if (actual !== sidecar.sha256) throw new Error(`${paths.model} has sha256 ${actual}, its sidecar says ${sidecar.sha256}; rebuild it`);
  return { onnx, sidecar };
}
