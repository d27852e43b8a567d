import { describe, expect, it } from 'vitest';
import { parseOptions } from './options';

describe('parseOptions', () => {
  it('has the floors answer inline unless --floors-onnx is given, which takes no value', () => {
    expect(parseOptions([], {}, '/repo').floorsRunOnnx).toBe(false);
    const options = parseOptions(['--floors-onnx', '--only', 'websocket'], {}, '/repo');
    expect(options.floorsRunOnnx).toBe(true);
    expect(options.protocols).toEqual(['websocket']);
  });

  it('refuses an argument that is not an option', () => {
    expect(() => parseOptions(['floors-onnx'], {}, '/repo')).toThrow(/unexpected argument "floors-onnx"/);
  });
});
