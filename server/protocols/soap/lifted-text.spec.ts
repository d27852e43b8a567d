import { describe, expect, it } from 'vitest';
import { liftLongTexts } from './lifted-text';

const LONG = 'QUJD'.repeat(20_000);

describe('liftLongTexts', () => {
  it('replaces a long element text with a short token, and restores it (trimmed) in the parsed values', () => {
    const lifted = liftLongTexts(`<a><image>\n  ${LONG}\n</image><model>m</model></a>`);
    expect(lifted.xml.length).toBeLessThan(200);
    expect(lifted.xml).toMatch(/^<a><image>mwlifted[0-9a-f]+n0<\/image><model>m<\/model><\/a>$/);
    const token = /<image>([^<]+)</.exec(lifted.xml)![1]!;
    expect(lifted.restore({ image: token, nested: [{ text: `x${token}y` }], model: 'm', n: 3 })).toEqual({ image: LONG, nested: [{ text: `x${LONG}y` }], model: 'm', n: 3 });
  });

  it('leaves short texts, and long ones holding markup, entities or quotes, to the parser', () => {
    for (const xml of ['<a>short</a>', `<a>${LONG}&amp;</a>`, `<a b=">${LONG}"/><c/>`, `<a>${LONG}"</a>`, `<a>${' '.repeat(70_000)}</a>`]) {
      const lifted = liftLongTexts(xml);
      expect(lifted.xml).toBe(xml);
      expect(lifted.restore({ v: 'mwlifted' })).toEqual({ v: 'mwlifted' });
    }
  });
});
