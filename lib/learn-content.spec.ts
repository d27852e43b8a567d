import { describe, expect, it } from 'vitest';
import { LEARN_CONTENT, LEARN_SLUGS, wordCount } from './learn-content';

describe('learn content', () => {
  it.each(LEARN_SLUGS)('explains %s in 150 to 250 words, covering the four questions', (protocol) => {
    const entry = LEARN_CONTENT[protocol];
    expect(entry.protocol).toBe(protocol);
    expect(wordCount(entry)).toBeGreaterThanOrEqual(150);
    expect(wordCount(entry)).toBeLessThanOrEqual(250);
    expect(entry.sections.map((section) => section.heading)).toEqual(['What it is', 'On the wire', 'Strengths for ML APIs', 'When to pick it']);
  });
});
