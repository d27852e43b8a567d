import { readFile } from 'node:fs/promises';
import path from 'node:path';

// onnxruntime-web's runtime (its .mjs and 14 MB .wasm) as the in-browser lane downloads it. Next's `compress` gzips it
// on the way out (14.2 MB → 3.7 MB; a route handler cannot send its own Content-Encoding, Next strips it), and the
// browser keeps it for good, since the URL names the package version.

const DIST = path.join(process.cwd(), 'node_modules/onnxruntime-web/dist');
const RUNTIME_FILE = /^ort[\w.-]*\.(mjs|wasm)$/;

export interface RuntimeFile {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
}

let version: Promise<string> | undefined;

/** The installed onnxruntime-web version, which the URL must name; read once, as the files are. */
export const installedVersion = () =>
  (version ??= readFile(path.join(DIST, '../package.json'), 'utf8').then((text) => (JSON.parse(text) as { version: string }).version));

const cache = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();

function bytesOf(file: string): Promise<Uint8Array<ArrayBuffer>> {
  let body = cache.get(file);
  if (!body) {
    body = readFile(path.join(DIST, file)).then((raw) => new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength) as Uint8Array<ArrayBuffer>);
    body.catch(() => cache.delete(file));
    cache.set(file, body);
  }
  return body;
}

/** One runtime file, or undefined when onnxruntime-web has no such file. */
export async function runtimeFile(file: string): Promise<RuntimeFile | undefined> {
  if (!RUNTIME_FILE.test(file)) return undefined;
  const body = await bytesOf(file).catch(() => undefined);
  if (!body) return undefined;
  return { body, contentType: file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript; charset=utf-8' };
}
