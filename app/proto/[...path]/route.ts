import { readFile } from 'node:fs/promises';
import path from 'node:path';

const PROTO_ROOT = path.join(process.cwd(), 'proto');

/** The .proto sources, as plain text, so learners (and grpcurl -proto) can read the gRPC contract from this site. */
export async function GET(_request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  const segments = (await params).path;
  const file = path.join(PROTO_ROOT, ...segments);
  if (!file.startsWith(`${PROTO_ROOT}${path.sep}`) || !file.endsWith('.proto') || segments.some((segment) => segment.startsWith('.'))) {
    return new Response('Only .proto files under proto/ are served here.\n', { status: 404 });
  }
  try {
    return new Response(await readFile(file, 'utf8'), { headers: { 'content-type': 'text/plain; charset=utf-8' } });
  } catch {
    return new Response(`No such file: proto/${segments.join('/')}\n`, { status: 404 });
  }
}
