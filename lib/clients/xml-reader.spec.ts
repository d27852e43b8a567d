import { describe, expect, it } from 'vitest';
import { childElement, childElements, childText, readXml, readXmlText, XmlSyntaxError } from './xml-reader';

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const MW = 'https://modelwire.dev/soap/v1';

describe('readXmlText, the reader used where there is no DOMParser', () => {
  it('resolves prefixes and default namespaces, scoped to the element that declares them', () => {
    const root = readXmlText(
      `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP}"><soap:Body>` +
        `<PredictResponse xmlns="${MW}"><model><name>sentiment</name></model></PredictResponse><plain/></soap:Body></soap:Envelope>`,
    );
    expect(root).toMatchObject({ localName: 'Envelope', namespace: SOAP });
    const body = childElement(root, 'Body', SOAP)!;
    expect(body.children.map((child) => [child.localName, child.namespace])).toEqual([['PredictResponse', MW], ['plain', null]]);
    expect(childText(childElement(body.children[0], 'model'), 'name')).toBe('sentiment');
  });

  it('decodes entities and character references in text and attributes, keeps CDATA as is, skips comments', () => {
    const root = readXmlText(`<a note="x &quot;y&quot; &#38; z"><!-- skipped -->Fish &amp; chips &lt;3 &#x1F600;<![CDATA[<raw & kept>]]></a>`);
    expect(root.attributes.note).toBe('x "y" & z');
    expect(root.text).toBe('Fish & chips <3 😀<raw & kept>');
  });

  it('keeps repeated elements in order and reads self-closing ones as empty', () => {
    const root = readXmlText(`<r><value>1</value><value>2.5</value><empty/><value>-INF</value></r>`);
    expect(childElements(root, 'value').map((value) => value.text)).toEqual(['1', '2.5', '-INF']);
    expect(childElement(root, 'empty')).toMatchObject({ text: '', children: [] });
  });

  it.each([
    ['<a><b></a></b>', /<\/a> does not close <b>/],
    ['<a>', /<a> is never closed/],
    ['<a/><b/>', /a second root element/],
    ['<x:a/>', /undeclared namespace prefix "x"/],
    ['<a>R&D</a>', /bare "&"/],
    ['<a>&nbsp;</a>', /unknown entity &nbsp;/],
    ['<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', /document type declaration/],
    ['', /no root element/],
    ['text <a/>', /text outside the root element/],
  ])('refuses %j', (xml, reason) => {
    expect(() => readXmlText(xml)).toThrow(XmlSyntaxError);
    expect(() => readXmlText(xml)).toThrow(reason);
  });

  it('readXml refuses a DTD before any parser sees it', () => {
    expect(() => readXml('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">]><a>&lol;</a>')).toThrow(/document type declaration/);
  });
});
