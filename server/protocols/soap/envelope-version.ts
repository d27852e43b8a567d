import { invalidInput } from '../../../lib/model-wire-error';

export const SOAP_11_ENVELOPE = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP_12_ENVELOPE = 'http://www.w3.org/2003/05/soap-envelope';

// The root start tag, after an optional XML declaration, comments and whitespace: node-soap reads the Body whatever
// namespace the Envelope is in, so the version is checked here, on the text, before it parses anything.
const ROOT_TAG = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)((?:\s+[^\s=>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/;

function declaredNamespace(attributes: string, prefix: string | undefined): string | undefined {
  const name = prefix ? `xmlns:${prefix}` : 'xmlns';
  for (const match of attributes.matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    if (match[1] === name) return match[2] ?? match[3];
  }
  return undefined;
}

/** Returns the XML unchanged, or throws invalid_input unless its root is a SOAP 1.1 Envelope (SOAP 1.1 §4.1.2). */
export function requireSoap11Envelope(xml: string): string {
  const root = ROOT_TAG.exec(xml);
  if (!root || root[2] !== 'Envelope') throw invalidInput('The body must be a SOAP 1.1 Envelope.');
  const namespace = declaredNamespace(root[3] ?? '', root[1]);
  if (namespace === SOAP_12_ENVELOPE) {
    throw invalidInput(`This endpoint speaks SOAP 1.1: the Envelope must be in ${SOAP_11_ENVELOPE}, not SOAP 1.2's ${SOAP_12_ENVELOPE}.`, { fault: 'VersionMismatch' });
  }
  if (namespace !== SOAP_11_ENVELOPE) {
    throw invalidInput(`The Envelope must be in the SOAP 1.1 namespace ${SOAP_11_ENVELOPE}${namespace ? `, not ${namespace}` : ''}.`, { fault: 'VersionMismatch' });
  }
  return xml;
}
