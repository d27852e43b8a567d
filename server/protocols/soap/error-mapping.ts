import type { ErrorCode } from '../../../lib/contract';
import { ModelWireError } from '../../../lib/model-wire-error';
import { toModelWireError } from '../shared/http-errors';

/** The namespace of ModelWire's SOAP types, including the mw:error fault detail. */
export const MODELWIRE_SOAP_NAMESPACE = 'https://modelwire.dev/soap/v1';
const SOAP_11_ENVELOPE = 'http://schemas.xmlsoap.org/soap/envelope/';

/** SOAP 1.1 says who is at fault: the sender (Client) or the receiver (Server). */
export function faultcodeOf(code: ErrorCode): 'soap:Client' | 'soap:Server' {
  switch (code) {
    case 'invalid_input':
    case 'not_found':
    case 'unauthenticated':
    case 'forbidden':
    case 'too_large':
    case 'unsupported_media':
      return 'soap:Client';
    case 'not_installed':
    case 'overloaded':
    case 'internal':
      return 'soap:Server';
  }
}

export const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** <mw:error> with the contract's code, the message and any extra facts (e.g. the install command). */
function errorDetailXml(error: ModelWireError): string {
  const facts = Object.entries(error.details ?? {}).map(([name, value]) => {
    const text = typeof value === 'string' ? value : String(JSON.stringify(value));
    return `<mw:detail><mw:name>${escapeXml(name)}</mw:name><mw:value>${escapeXml(text)}</mw:value></mw:detail>`;
  });
  return (
    `<mw:error xmlns:mw="${MODELWIRE_SOAP_NAMESPACE}"><mw:code>${error.code}</mw:code>` +
    `<mw:message>${escapeXml(error.message)}</mw:message>${facts.join('')}</mw:error>`
  );
}

/** The fault object node-soap renders when an operation throws it. SOAP 1.1 answers every fault with HTTP 500. */
export function soapFaultOf(error: ModelWireError) {
  return {
    Fault: { faultcode: faultcodeOf(error.code), faultstring: error.message, detail: { $xml: errorDetailXml(error) }, statusCode: 500 },
  };
}

/** A whole Fault envelope, for what is refused before node-soap sees the request (DTDs, size, content type, bad XML). */
export function faultEnvelopeXml(error: ModelWireError): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP_11_ENVELOPE}"><soap:Body><soap:Fault>` +
    `<faultcode>${faultcodeOf(error.code)}</faultcode><faultstring>${escapeXml(error.message)}</faultstring>` +
    `<detail>${errorDetailXml(error)}</detail></soap:Fault></soap:Body></soap:Envelope>`
  );
}

/** Anything thrown (including fastify's own body-too-large and media-type errors) as a ModelWireError worded for SOAP. */
export function toSoapError(error: unknown): ModelWireError {
  const wireError = toModelWireError(error);
  if (wireError.code === 'unsupported_media') {
    return new ModelWireError('unsupported_media', 'Send a SOAP 1.1 envelope with Content-Type text/xml (SOAP 1.2, application/soap+xml, is not served).');
  }
  return wireError;
}
