import type { ModelRef } from '../../contract';
import { ModelWireError } from '../../model-wire-error';
import type { ProtocolError } from '../protocol-client';

// Downloading a model's files from the API server (GET /v1/models/{name}/artifacts), once, before any prediction.

export interface ArtifactEntry {
  file: string;
  role: 'model' | 'sidecar' | 'labels';
  contentType: string;
  bytes: number;
  sha256: string;
  /** Path on the API server. */
  url: string;
}

export interface ArtifactListing {
  model: ModelRef;
  files: ArtifactEntry[];
}

/** A failure while fetching model files, in HTTP's words (the server answers problem+json). */
export class ModelFilesError extends Error {
  override readonly name = 'ModelFilesError';
  constructor(readonly error: ProtocolError) {
    super(error.message);
  }
}

async function problemOf(response: Response, what: string): Promise<ModelFilesError> {
  const problem = (await response.json().catch(() => ({}))) as { code?: unknown; detail?: unknown };
  return new ModelFilesError({
    code: ModelWireError.isCode(problem.code) ? problem.code : 'internal',
    message: typeof problem.detail === 'string' ? problem.detail : `Could not load ${what} (HTTP ${response.status}).`,
    native: `HTTP ${response.status} ${response.statusText} (loading ${what})`.replace(/ +/g, ' '),
  });
}

export async function fetchArtifactListing(apiBaseUrl: string, model: string): Promise<ArtifactListing> {
  const response = await fetch(`${apiBaseUrl}/v1/models/${encodeURIComponent(model)}/artifacts`);
  if (!response.ok) throw await problemOf(response, `the file list of "${model}"`);
  return (await response.json()) as ArtifactListing;
}

const hex = (digest: ArrayBuffer) => Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');

/** One file's bytes, checked against the SHA-256 the server listed (where the page may use WebCrypto: https or localhost). */
export async function fetchArtifact(apiBaseUrl: string, entry: ArtifactEntry): Promise<Uint8Array> {
  const response = await fetch(`${apiBaseUrl}${entry.url}`);
  if (!response.ok) throw await problemOf(response, entry.file);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (globalThis.crypto?.subtle) {
    const actual = hex(await crypto.subtle.digest('SHA-256', bytes));
    if (actual !== entry.sha256) {
      throw new ModelFilesError({ code: 'internal', message: `${entry.file} has SHA-256 ${actual}, the server listed ${entry.sha256}.`, native: 'checksum mismatch' });
    }
  }
  return bytes;
}

export const entryWithRole = (listing: ArtifactListing, role: ArtifactEntry['role']) => listing.files.find((entry) => entry.role === role);

export const decodeJson = (bytes: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(bytes));
