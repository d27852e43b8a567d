// The XML the SOAP client reads (response envelopes and faults), as one small element tree. In a browser the
// platform's DOMParser parses it; under Node (tests, scripts) a tiny reader for the same subset does: elements,
// attributes, namespaces, text, CDATA, comments and processing instructions. DTDs are refused, never expanded.

export interface XmlElement {
  localName: string;
  /** The element's namespace URI, resolved from its prefix; null when it has none. */
  namespace: string | null;
  /** Attributes by qualified name, as written (xmlns declarations included). */
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text and CDATA, entities decoded (not its children's text). */
  text: string;
}

export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError';
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|\w+);|&/g, (match, entity: string | undefined) => {
    if (entity === undefined) throw new XmlSyntaxError('a bare "&" in text; it must be written &amp;');
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    const known = ENTITIES[entity];
    if (known === undefined) throw new XmlSyntaxError(`unknown entity ${match}`);
    return known;
  });
}

interface OpenElement {
  element: XmlElement;
  qualifiedName: string;
  scope: Map<string, string>;
}

const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The reader used where there is no DOMParser: strict about nesting, tolerant of everything a SOAP stack may add. */
export function readXmlText(xml: string): XmlElement {
  const stack: OpenElement[] = [];
  let root: XmlElement | undefined;
  let at = 0;
  const fail: (what: string) => never = (what) => {
    throw new XmlSyntaxError(`${what} at character ${at}`);
  };
  const skipPast = (end: string, what: string) => {
    const index = xml.indexOf(end, at);
    if (index < 0) fail(`unterminated ${what}`);
    const inner = xml.slice(at, index);
    at = index + end.length;
    return inner;
  };

  while (at < xml.length) {
    const open = stack.at(-1);
    if (xml[at] !== '<') {
      const next = xml.indexOf('<', at);
      const text = xml.slice(at, next < 0 ? xml.length : next);
      if (open) open.element.text += decodeEntities(text);
      else if (text.trim() !== '') fail('text outside the root element');
      at = next < 0 ? xml.length : next;
    } else if (xml.startsWith('<?', at)) {
      skipPast('?>', 'processing instruction');
    } else if (xml.startsWith('<!--', at)) {
      skipPast('-->', 'comment');
    } else if (xml.startsWith('<![CDATA[', at)) {
      at += 9;
      const data = skipPast(']]>', 'CDATA section');
      if (!open) fail('CDATA outside the root element');
      open.element.text += data;
    } else if (xml.startsWith('<!', at)) {
      fail('a document type declaration (refused)');
    } else if (xml.startsWith('</', at)) {
      at += 2;
      const name = skipPast('>', 'end tag').trim();
      if (!open || open.qualifiedName !== name) fail(`</${name}> does not close <${open?.qualifiedName ?? 'nothing'}>`);
      stack.pop();
    } else {
      at += 1;
      const tag = skipPast('>', 'start tag');
      const selfClosing = tag.endsWith('/');
      const body = selfClosing ? tag.slice(0, -1) : tag;
      const qualifiedName = /^[^\s/>]+/.exec(body)?.[0] ?? fail('a start tag without a name');
      const attributes: Record<string, string> = {};
      for (const [, name, double, single] of body.slice(qualifiedName.length).matchAll(ATTRIBUTE)) {
        attributes[name!] = decodeEntities(double ?? single ?? '');
      }
      const scope = new Map(open?.scope);
      for (const [name, value] of Object.entries(attributes)) {
        if (name === 'xmlns') scope.set('', value);
        else if (name.startsWith('xmlns:')) scope.set(name.slice(6), value);
      }
      const [prefix, localName] = qualifiedName.includes(':') ? qualifiedName.split(':', 2) : ['', qualifiedName];
      const namespace = scope.get(prefix!) ?? null;
      if (prefix && namespace === null) fail(`undeclared namespace prefix "${prefix}"`);
      const element: XmlElement = { localName: localName!, namespace: namespace || null, attributes, children: [], text: '' };
      if (open) open.element.children.push(element);
      else if (root) fail('a second root element');
      else root = element;
      if (!selfClosing) stack.push({ element, qualifiedName, scope });
    }
  }
  if (stack.length > 0) fail(`<${stack.at(-1)!.qualifiedName}> is never closed`);
  return root ?? fail('no root element');
}

function fromDom(node: Element): XmlElement {
  const attributes: Record<string, string> = {};
  for (const attribute of Array.from(node.attributes)) attributes[attribute.name] = attribute.value;
  let text = '';
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 3 || child.nodeType === 4) text += child.nodeValue ?? ''; // TEXT_NODE, CDATA_SECTION_NODE
  }
  return { localName: node.localName, namespace: node.namespaceURI, attributes, children: Array.from(node.children, fromDom), text };
}

/** Parses a whole document: DOMParser when the platform has one, otherwise readXmlText. Throws XmlSyntaxError. */
export function readXml(xml: string): XmlElement {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new XmlSyntaxError('a document type declaration (refused)');
  if (typeof DOMParser === 'undefined') return readXmlText(xml);
  const parsed = new DOMParser().parseFromString(xml, 'application/xml');
  const error = parsed.getElementsByTagName('parsererror')[0];
  if (error || !parsed.documentElement) throw new XmlSyntaxError(error?.textContent?.trim() || 'not well-formed XML');
  return fromDom(parsed.documentElement);
}

/** The first child element with this local name (and namespace, when given). */
export const childElement = (parent: XmlElement | undefined, localName: string, namespace?: string) =>
  parent?.children.find((child) => child.localName === localName && (namespace === undefined || child.namespace === namespace));

export const childElements = (parent: XmlElement | undefined, localName: string) =>
  parent?.children.filter((child) => child.localName === localName) ?? [];

export const childText = (parent: XmlElement | undefined, localName: string) => childElement(parent, localName)?.text;
