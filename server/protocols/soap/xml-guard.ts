import { ModelWireError, invalidInput } from '../../../lib/model-wire-error';

// A SOAP message must not contain a document type declaration (SOAP 1.1 §3), and without one there are no entities to
// expand: no billion laughs, no external entities (XXE) reading files or URLs. So any <!DOCTYPE or <!ENTITY is refused
// before a parser sees the text. Outside CDATA and comments, "<!" can only start such declarations; refusing it inside
// CDATA too costs nothing a client needs.
const DECLARATION = /<!\s*(DOCTYPE|ENTITY)/i;

/** Returns the XML unchanged, or throws invalid_input if it declares a DTD or an entity. */
export function refuseDocumentTypeDeclarations(xml: string): string {
  const found = DECLARATION.exec(xml);
  if (found) {
    throw invalidInput(`SOAP messages may not contain a document type declaration: <!${found[1]!.toUpperCase()} was refused unparsed.`);
  }
  return xml;
}

// What node-soap's parse costs in event-loop time: ~6 µs per element (it looks up the WSDL's schema for each one), and
// sax's walk of every character of markup, slowest inside a tag past its name (~0.3 µs per character of attributes,
// comments, CDATA), while element text costs little once long texts are lifted out (lifted-text.ts). So an envelope is
// held to a budget, counted by a scan before any parsing: within it a parse takes ~0.2 s at most, enough for a few
// thousand training rows, where dense markup filling the 20 MiB body limit would stall every other client for seconds.
// ('<' inside CDATA or a comment counts as a tag: the count errs on the safe side.)
export const XML_BUDGET = {
  maxElements: 25_000,
  /** Characters from each '<' to its '>'. */
  maxMarkupChars: 1024 * 1024,
  /** Of those, the characters past tag names: attributes, comments, CDATA, processing instructions. */
  maxAttributeChars: 64 * 1024,
};

const xmlTooLarge = (what: string, max: number, limit: string) =>
  new ModelWireError('too_large', `The envelope has more than ${max.toLocaleString('en')} ${what}; send less per request.`, { limit, max });

/** Where the name of the tag opening at `open` (an end tag's after its '/') ends: at whitespace, '/' or '>'. */
function endOfName(xml: string, open: number, end: number): number {
  let at = xml.charCodeAt(open + 1) === 0x2f ? open + 2 : open + 1;
  for (let code = xml.charCodeAt(at); at < end && code > 0x20 && code !== 0x2f && code !== 0x3e; code = xml.charCodeAt(++at));
  return at;
}

/** Returns the XML unchanged, or throws too_large if it has more elements or markup than the budget. */
export function refuseDenseMarkup(xml: string, { maxElements, maxMarkupChars, maxAttributeChars } = XML_BUDGET): string {
  let elements = 0;
  let markup = 0;
  let attributes = 0;
  for (let open = xml.indexOf('<'); open >= 0; open = xml.indexOf('<', open + 1)) {
    const close = xml.indexOf('>', open + 1);
    const end = close < 0 ? xml.length : close + 1;
    markup += end - open;
    if (markup > maxMarkupChars) throw xmlTooLarge('characters of markup (tags)', maxMarkupChars, 'xml_markup');
    attributes += Math.max(0, end - 1 - endOfName(xml, open, end));
    if (attributes > maxAttributeChars) throw xmlTooLarge('characters of attributes, comments and CDATA', maxAttributeChars, 'xml_attributes');
    const next = xml.charCodeAt(open + 1);
    // Not a start tag: </ end tag, <? processing instruction, <! comment or CDATA.
    if (next !== 0x2f && next !== 0x3f && next !== 0x21 && ++elements > maxElements) throw xmlTooLarge('XML elements', maxElements, 'xml_elements');
    if (close < 0) break;
    open = close;
  }
  return xml;
}
