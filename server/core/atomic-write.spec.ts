import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../test/support/temp-dir';
import { isTemporaryName, writeDirectoryAtomically, writeFileAtomically } from './atomic-write';

describe('atomic writes', () => {
  const tempDir = useTempDir('atomic');

  it('replaces a file whole, creating its folder, and leaves no temporary file behind', async () => {
    const file = path.join(tempDir(), 'nested/model.json');
    await writeFileAtomically(file, 'old');
    await writeFileAtomically(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('new');
    expect((await readdir(path.dirname(file))).filter(isTemporaryName)).toEqual([]);
  });

  it('makes a folder of files appear at once, and refuses to replace an existing one', async () => {
    const target = path.join(tempDir(), 'linear/houses/1');
    await writeDirectoryAtomically(target, { 'model.json': '{}', 'model.onnx': new Uint8Array([1, 2, 3]) });
    expect((await readdir(target)).sort()).toEqual(['model.json', 'model.onnx']);
    expect([...(await readFile(path.join(target, 'model.onnx')))]).toEqual([1, 2, 3]);
    await writeFile(path.join(target, 'marker'), 'kept');
    await expect(writeDirectoryAtomically(target, { 'model.json': '{"other":1}' })).rejects.toThrow();
    expect(await readFile(path.join(target, 'model.json'), 'utf8')).toBe('{}');
    expect((await readdir(path.dirname(target))).filter(isTemporaryName)).toEqual([]);
  });
});
