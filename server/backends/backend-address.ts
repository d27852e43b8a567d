// INFERENCE_BACKEND: where model graphs run when not in this process. Read by server/config.ts.

/** The wires of the Open Inference Protocol a backend may be reached over. */
export type BackendWire = 'grpc' | 'http';

export interface InferenceBackendAddress {
  wire: BackendWire;
  /** http://host:port: the gRPC server's authority (HTTP/2 cleartext) or the REST server's base URL. */
  baseUrl: string;
  /** The setting as written, e.g. oip+grpc://triton:8001, to name the backend in errors and logs. */
  label: string;
  /** INFERENCE_BACKEND_DEADLINE_MS: how long one inference call may take before it fails as unavailable. */
  deadlineMs: number;
}

export const DEFAULT_DEADLINE_MS = 30_000;

function deadlineOf(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_DEADLINE_MS;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`INFERENCE_BACKEND_DEADLINE_MS must be a positive integer (milliseconds), got "${raw}"`);
  return value;
}

const SCHEMES: Record<string, BackendWire> = { 'oip+grpc:': 'grpc', 'oip+http:': 'http' };

const EXAMPLES = 'oip+grpc://host:port or oip+http://host:port';

/** INFERENCE_BACKEND as an address, undefined when unset (models run in this process); throws saying what is wrong. */
export function parseInferenceBackend(raw: string | undefined, deadline?: string): InferenceBackendAddress | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const label = raw.trim();
  let url: URL;
  try {
    url = new URL(label);
  } catch {
    throw new Error(`INFERENCE_BACKEND must be ${EXAMPLES}, got "${raw}"`);
  }
  const wire = SCHEMES[url.protocol];
  if (!wire) throw new Error(`INFERENCE_BACKEND must start with oip+grpc:// or oip+http://, got "${raw}" (${EXAMPLES})`);
  if (!url.hostname || !url.port) throw new Error(`INFERENCE_BACKEND must name a host and a port (${EXAMPLES}), got "${raw}"`);
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '' && url.pathname !== '/')) {
    throw new Error(`INFERENCE_BACKEND takes only a host and a port (${EXAMPLES}), got "${raw}"`);
  }
  return { wire, baseUrl: `http://${url.host}`, label, deadlineMs: deadlineOf(deadline) };
}
