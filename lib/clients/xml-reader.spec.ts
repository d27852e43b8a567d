import { describe, expect, it } from 'vitest';
import { bodyElementOf, faultErrorOf, isFault } from './soap-response';
import { childElement, childElements, childText, readXml, XmlSyntaxError } from './xml-reader';

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const MW = 'https://modelwire.dev/soap/v1';

describe('readXml', () => {
  it('resolves prefixes and default namespaces, scoped to the element that declares them', () => {
    const root = readXml(
      `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP}"><soap:Body>` +
        `<PredictResponse xmlns="${MW}"><model><name>sentiment</name></model></PredictResponse><plain/></soap:Body></soap:Envelope>`,
    );
    expect(root).toMatchObject({ localName: 'Envelope', namespace: SOAP });
    const body = childElement(root, 'Body', SOAP)!;
    expect(body.children.map((child) => [child.localName, child.namespace])).toEqual([['PredictResponse', MW], ['plain', null]]);
    expect(childText(childElement(body.children[0], 'model'), 'name')).toBe('sentiment');
  });

  it('lets an inner declaration rebind a prefix, and knows the xml: prefix', () => {
    const root = readXml(`<p:a xmlns:p="urn:one" xml:lang="en"><p:b xmlns:p="urn:two"/><p:c/></p:a>`);
    expect(root.children.map((child) => [child.localName, child.namespace])).toEqual([['b', 'urn:two'], ['c', 'urn:one']]);
    expect(root.attributes['xml:lang']).toBe('en');
  });

  it('reads a ">" inside an attribute value as part of the value', () => {
    const root = readXml(`<a test="x > 1" other='a &lt; b > c'><b>after</b></a>`);
    expect(root.attributes).toEqual({ test: 'x > 1', other: 'a < b > c' });
    expect(childText(root, 'b')).toBe('after');
  });

  it('decodes entities and character references in text and attributes, keeps CDATA as is, skips comments', () => {
    const root = readXml(`<a note="x &quot;y&quot; &#38; z &apos;"><!-- skipped -->Fish &amp; chips &lt;3 &gt; &#x1F600;<![CDATA[<raw & kept &amp;>]]></a>`);
    expect(root.attributes.note).toBe(`x "y" & z '`);
    expect(root.text).toBe('Fish & chips <3 > 😀<raw & kept &amp;>');
  });

  it('keeps repeated elements in order and reads self-closing ones as empty', () => {
    const root = readXml(`<r><value>1</value><value>2.5</value><empty/><value>-INF</value></r>`);
    expect(childElements(root, 'value').map((value) => value.text)).toEqual(['1', '2.5', '-INF']);
    expect(childElement(root, 'empty')).toMatchObject({ text: '', children: [] });
  });

  it('reads a SOAP Fault with its ModelWire detail', () => {
    const xml =
      `<soap:Envelope xmlns:soap="${SOAP}"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode>` +
      `<faultstring>text must be &lt;= 10000 characters</faultstring><detail><mw:error xmlns:mw="${MW}">` +
      `<mw:code>invalid_input</mw:code><mw:message>too long</mw:message>` +
      `<mw:detail><mw:name>limit</mw:name><mw:value>10000</mw:value></mw:detail></mw:error></detail></soap:Fault></soap:Body></soap:Envelope>`;
    const fault = bodyElementOf(xml);
    expect(isFault(fault)).toBe(true);
    expect(childElement(childElement(fault, 'detail'), 'error', MW)).toMatchObject({ namespace: MW });
    expect(faultErrorOf(fault)).toEqual({
      code: 'invalid_input',
      message: 'text must be <= 10000 characters',
      native: 'soap:Client: text must be <= 10000 characters',
      details: { limit: 10000 },
    });
  });

  it.each([
    ['<a><b></a></b>', /Expected closing tag 'b'/],
    ['<a>', /Unclosed tag 'a'/],
    ['<a/><b/>', /a second root element/],
    ['<x:a/>', /undeclared namespace prefix "x"/],
    ['<a>R&D</a>', /char '&' is not expected/],
    ['<a>&nbsp;</a>', /unknown entity &nbsp;/],
    ['<a b="1" b="2"/>', /Attribute 'b' is repeated/],
    ['<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', /document type declaration/],
    ['', /Start tag expected/],
    ['text <a/>', /char 't' is not expected/],
  ])('refuses %j', (xml, reason) => {
    expect(() => readXml(xml)).toThrow(XmlSyntaxError);
    expect(() => readXml(xml)).toThrow(reason);
  });

  it('refuses a DTD before any parser sees it', () => {
    expect(() => readXml('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">]><a>&lol;</a>')).toThrow(/document type declaration/);
  });
});
