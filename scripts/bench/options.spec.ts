import { describe, expect, it } from 'vitest';
import { parseOptions } from './options';

// No DATA_DIR, MODELS_DIR or PHOTOS_DIR: the defaults.
const NO_ENV = {} as NodeJS.ProcessEnv;

describe('parseOptions', () => {
  it('has the floors answer inline unless --floors-onnx is given, which takes no value', () => {
    expect(parseOptions([], NO_ENV, '/repo').floorsRunOnnx).toBe(false);
    const options = parseOptions(['--floors-onnx', '--only', 'websocket'], NO_ENV, '/repo');
    expect(options.floorsRunOnnx).toBe(true);
    expect(options.protocols).toEqual(['websocket']);
  });

  it('refuses an argument that is not an option', () => {
    expect(() => parseOptions(['floors-onnx'], NO_ENV, '/repo')).toThrow(/unexpected argument "floors-onnx"/);
  });
});
