import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// lib/gen is generated from proto/ and never edited by hand: regenerate it and fail on any difference.

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'node_modules/.bin');

/** Runs the buf CLI from node_modules, with protoc-gen-es on the PATH as `npm run` would have it. */
const buf = (args: string[]) =>
  promisify(execFile)(path.join(BIN, 'buf'), args, { cwd: ROOT, env: { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH}` } });

async function readTree(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  return new Map(await Promise.all(files.map(async (file) => [path.relative(dir, file), await readFile(file, 'utf8')] as const)));
}

describe('generated protobuf code', () => {
  it('lib/gen is exactly what `buf generate --template proto/buf.gen.yaml` makes (run `npm run proto:gen` after editing proto/)', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'modelwire-proto-gen-'));
    try {
      await buf(['generate', '--template', 'proto/buf.gen.yaml', '--output', out]);
      const fresh = await readTree(path.join(out, 'lib/gen'));
      const committed = await readTree(path.join(ROOT, 'lib/gen'));
      expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
      expect(fresh.size).toBeGreaterThanOrEqual(4);
      for (const [file, text] of fresh) expect(committed.get(file), `lib/gen/${file} differs from the generated code`).toBe(text);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('proto/ passes buf lint', async () => {
    await expect(buf(['lint', 'proto'])).resolves.toMatchObject({ stdout: '' });
  });
});
