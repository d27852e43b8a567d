import { describe, expect, it } from 'vitest';
import { assertModelName, isModelName, MAX_MODEL_NAME_LENGTH, MODEL_NAME_RULE } from './model-name';

describe('the model name rule', () => {
  it('takes the served and trained names', () => {
    for (const name of ['sentiment', 'mobilenetv2', 'default', 'houses.v2', 'A_b-c', 'x'.repeat(MAX_MODEL_NAME_LENGTH)]) expect(isModelName(name), name).toBe(true);
  });

  it('refuses empty, path-like, too long, wildcard-like and non-ASCII names with one message', () => {
    for (const name of ['', '../x', 'a/b', '.hidden', '-x', 'x'.repeat(MAX_MODEL_NAME_LENGTH + 1), 'a b', 'a+b', 'a#', 'café', undefined, 7]) {
      expect(() => assertModelName(name), String(name)).toThrow(expect.objectContaining({ code: 'invalid_input', message: MODEL_NAME_RULE }));
    }
  });
});
