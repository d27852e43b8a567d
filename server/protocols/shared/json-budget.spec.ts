import { describe, expect, it } from 'vitest';
import { assertJsonWithinBudget, isJsonWithinBudget, type JsonBudget } from './json-budget';

const SMALL: JsonBudget = { maxStructureChars: 100, maxValues: 10, maxContainers: 3 };
const refusal = (limit: string) => expect.objectContaining({ code: 'too_large', details: expect.objectContaining({ limit }) });

describe('assertJsonWithinBudget', () => {
  it('passes what is within every count', () => {
    expect(() => assertJsonWithinBudget('{"a": [1, 2, 3], "b": {"c": "d"}}', SMALL)).not.toThrow();
  });

  it('skips strings whole, escaped quotes and brackets inside them included', () => {
    const text = JSON.stringify({ image: `${'A'.repeat(10_000)}[{,"\\`.repeat(50) });
    expect(isJsonWithinBudget(text, SMALL)).toBe(true);
  });

  it('refuses too many characters outside strings, values, or arrays and objects', () => {
    expect(() => assertJsonWithinBudget(`[${'1'.repeat(200)}]`, SMALL)).toThrow(refusal('json_structure'));
    expect(() => assertJsonWithinBudget(`[${'1,'.repeat(11)}1]`, SMALL)).toThrow(/more than 10 values/);
    expect(() => assertJsonWithinBudget('[[[[1]]]]', SMALL)).toThrow(/more than 3 arrays and objects/);
  });

  it('leaves malformed JSON to the parser', () => {
    expect(isJsonWithinBudget('{"unterminated', SMALL)).toBe(true);
    expect(isJsonWithinBudget('not json at all', SMALL)).toBe(true);
  });
});
