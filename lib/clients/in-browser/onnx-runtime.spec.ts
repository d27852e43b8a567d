import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ONNXRUNTIME_WEB_VERSION, RUNTIME_PATH } from './onnx-runtime';

describe('the runtime URL', () => {
  it('names the onnxruntime-web version installed, so a year-long cache never serves another one', () => {
    const dist = path.dirname(createRequire(import.meta.url).resolve('onnxruntime-web'));
    const installed = JSON.parse(readFileSync(path.join(dist, '../package.json'), 'utf8')) as { version: string };
    expect(ONNXRUNTIME_WEB_VERSION).toBe(installed.version);
    expect(RUNTIME_PATH).toBe(`/onnxruntime-web/${installed.version}/`);
  });
});
