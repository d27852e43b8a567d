import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ModelRef } from '../../../lib/contract';
import { ModelWireError } from '../../../lib/model-wire-error';
import type { ModelArtifact } from '../../core/served-model';
import { toModelWireError } from '../shared/http-errors';
import { sendProblem } from './error-mapping';

// What a browser needs to run a model itself (the in-browser lane): the model's files, and onnxruntime-web's own
// runtime files so `ort.env.wasm.wasmPaths` can point at this server. Every file goes out with ETag = its SHA-256.

/** Where a model's files are; throws not_found (unknown model, or one with nothing to download) or not_installed. */
export interface ModelArtifactSource {
  modelArtifacts(name: string): Promise<{ model: ModelRef; files: ModelArtifact[] }>;
}

interface FileFacts {
  bytes: number;
  sha256: string;
  mtimeMs: number;
}

const hashes = new Map<string, FileFacts>();

/** Size and SHA-256 of a file, hashed again only when it changed. */
async function factsOf(file: string): Promise<FileFacts> {
  const { size, mtimeMs } = await stat(file);
  const known = hashes.get(file);
  if (known && known.bytes === size && known.mtimeMs === mtimeMs) return known;
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  const facts = { bytes: size, sha256: hash.digest('hex'), mtimeMs };
  hashes.set(file, facts);
  return facts;
}

async function sendFile(request: FastifyRequest, reply: FastifyReply, file: string, contentType: string, cacheControl: string) {
  const facts = await factsOf(file);
  const etag = `"${facts.sha256}"`;
  reply.header('etag', etag).header('cache-control', cacheControl);
  if (request.headers['if-none-match']?.split(/\s*,\s*/).includes(etag)) return reply.status(304).send();
  return reply.type(contentType).header('content-length', facts.bytes).send(createReadStream(file));
}

/** onnxruntime-web's dist folder (its runtime .mjs and .wasm files), found through Node's resolution like an import. */
const onnxruntimeWebDist = () => path.dirname(createRequire(import.meta.url).resolve('onnxruntime-web'));
const RUNTIME_FILE = /^ort[\w.-]*\.(mjs|wasm)$/;
const runtimeType = (file: string) => (file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript; charset=utf-8');

type ArtifactRequest = FastifyRequest<{ Params: { name: string; file?: string } }>;

/** GET /v1/models/{name}/artifacts[/{file}] and GET /static/onnxruntime-web/{file}. Register with app.register(). */
export async function artifactRoutes(app: FastifyInstance, { artifacts }: { artifacts: ModelArtifactSource }) {
  app.setErrorHandler((error, request, reply) => {
    const wireError = toModelWireError(error);
    if (wireError.code === 'internal') request.log.error({ err: error }, 'internal error');
    return sendProblem(reply, wireError, request.url);
  });

  const artifactsOf = (name: string) => {
    return artifacts.modelArtifacts(name);
  };
  const nameParams = { type: 'object', properties: { name: { type: 'string' }, file: { type: 'string' } }, required: ['name'] };

  app.get('/v1/models/:name/artifacts', { schema: { tags: ['models'], summary: 'The files a browser downloads to run the model itself', params: nameParams } }, async (request: ArtifactRequest) => {
    const { model, files } = await artifactsOf(request.params.name);
    const base = `/v1/models/${encodeURIComponent(model.name)}/artifacts`;
    const listed = await Promise.all(
      files.map(async ({ file, role, path: filePath, contentType }) => {
        const facts = await factsOf(filePath).catch(() => {
          throw new ModelWireError('not_installed', `Model "${model.name}" is missing its file ${file}.`, { model: model.name });
        });
        return { file, role, contentType, bytes: facts.bytes, sha256: facts.sha256, url: `${base}/${encodeURIComponent(file)}` };
      }),
    );
    return { model, files: listed, runtime: { package: 'onnxruntime-web', wasmPaths: '/static/onnxruntime-web/' } };
  });

  app.get('/v1/models/:name/artifacts/:file', { schema: { tags: ['models'], summary: 'One file of the model (ETag: SHA-256)', params: nameParams } }, async (request: ArtifactRequest, reply) => {
    const { model, files } = await artifactsOf(request.params.name);
    const artifact = files.find((candidate) => candidate.file === request.params.file);
    if (!artifact) throw new ModelWireError('not_found', `Model "${model.name}" has no file "${request.params.file}"; it has ${files.map((f) => f.file).join(', ')}.`);
    // Rebuilt models keep their file names: always revalidate, a 304 costs nothing.
    return sendFile(request, reply, artifact.path, artifact.contentType, 'no-cache');
  });

  app.get('/static/onnxruntime-web/:file', { schema: { hide: true } }, async (request: FastifyRequest<{ Params: { file: string } }>, reply) => {
    const { file } = request.params;
    const filePath = path.join(onnxruntimeWebDist(), file);
    const exists = RUNTIME_FILE.test(file) && (await stat(filePath).then((facts) => facts.isFile(), () => false));
    if (!exists) throw new ModelWireError('not_found', `onnxruntime-web has no runtime file "${file}".`);
    return sendFile(request, reply, filePath, runtimeType(file), 'public, max-age=3600');
  });
}
