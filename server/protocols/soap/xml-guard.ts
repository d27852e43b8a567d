import { invalidInput } from '../../../lib/model-wire-error';

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
