// The XML the SOAP client reads (response envelopes and faults), as one small element tree. fast-xml-parser checks
// and parses it, in the browser and under Node alike; namespaces are resolved here, and entities decoded here so
// that an unknown one is an error rather than text. DTDs are refused, never expanded.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

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
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|\w+);/g, (match, entity: string) => {
    const codePoint = entity.startsWith('#x') ? Number.parseInt(entity.slice(2), 16) : entity.startsWith('#') ? Number(entity.slice(1)) : undefined;
    if (codePoint !== undefined) {
      if (codePoint > 0x10ffff) throw new XmlSyntaxError(`character reference ${match} is out of range`);
      return String.fromCodePoint(codePoint);
    }
    const known = ENTITIES[entity];
    if (known === undefined) throw new XmlSyntaxError(`unknown entity ${match}`);
    return known;
  });
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: false,
});

/** fast-xml-parser's preserveOrder shape: `{ tag: children, ':@': attributes }`, `{ '#text': … }` or `{ '#cdata': [text] }`. */
type OrderedNode = Record<string, unknown>;

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

const tagOf = (node: OrderedNode) => Object.keys(node).find((key) => key !== ':@') ?? '';

function toElement(node: OrderedNode, qualifiedName: string, parentScope: ReadonlyMap<string, string>): XmlElement {
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries((node[':@'] ?? {}) as Record<string, string>)) attributes[name] = decodeEntities(value);
  const scope = new Map(parentScope);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'xmlns') scope.set('', value);
    else if (name.startsWith('xmlns:')) scope.set(name.slice(6), value);
  }
  const [prefix, localName] = qualifiedName.includes(':') ? qualifiedName.split(':', 2) : ['', qualifiedName];
  const namespace = scope.get(prefix!) ?? null;
  if (prefix && namespace === null) throw new XmlSyntaxError(`undeclared namespace prefix "${prefix}"`);
  const element: XmlElement = { localName: localName!, namespace: namespace || null, attributes, children: [], text: '' };
  for (const child of node[qualifiedName] as OrderedNode[]) {
    if ('#text' in child) element.text += decodeEntities(String(child['#text']));
    else if ('#cdata' in child) element.text += (child['#cdata'] as OrderedNode[]).map((part) => String(part['#text'] ?? '')).join('');
    else element.children.push(toElement(child, tagOf(child), scope));
  }
  return element;
}

/** Parses a whole document into its root element. Throws XmlSyntaxError for anything not well-formed. */
export function readXml(xml: string): XmlElement {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new XmlSyntaxError('a document type declaration (refused)');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new XmlSyntaxError(`${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
  const roots = (parser.parse(xml) as OrderedNode[]).filter((node) => !('#text' in node) && !('#cdata' in node));
  if (roots.length !== 1) throw new XmlSyntaxError(roots.length === 0 ? 'no root element' : 'a second root element');
  return toElement(roots[0]!, tagOf(roots[0]!), new Map([['xml', XML_NAMESPACE]]));
}

/** The first child element with this local name (and namespace, when given). */
export const childElement = (parent: XmlElement | undefined, localName: string, namespace?: string) =>
  parent?.children.find((child) => child.localName === localName && (namespace === undefined || child.namespace === namespace));

export const childElements = (parent: XmlElement | undefined, localName: string) =>
  parent?.children.filter((child) => child.localName === localName) ?? [];

export const childText = (parent: XmlElement | undefined, localName: string) => childElement(parent, localName)?.text;
