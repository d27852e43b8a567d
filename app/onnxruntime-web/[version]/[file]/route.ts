import { installedVersion, runtimeFile } from '../../runtime-files';

// GET /onnxruntime-web/{version}/{file}: the in-browser lane's runtime, gzipped by Next and cached for a year.

const IMMUTABLE = 'public, max-age=31536000, immutable';

export async function GET(_request: Request, { params }: { params: Promise<{ version: string; file: string }> }) {
  const { version, file } = await params;
  if (version !== (await installedVersion())) return new Response(`onnxruntime-web ${version} is not installed here.\n`, { status: 404 });
  const found = await runtimeFile(file);
  if (!found) return new Response(`onnxruntime-web has no runtime file "${file}".\n`, { status: 404 });
  return new Response(found.body, { headers: { 'content-type': found.contentType, 'cache-control': IMMUTABLE } });
}
