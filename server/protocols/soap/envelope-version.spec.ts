import { describe, expect, it } from 'vitest';
import { requireSoap11Envelope, SOAP_11_ENVELOPE } from './envelope-version';

const envelope = (open: string) => `${open}<soap:Body><x/></soap:Body></soap:Envelope>`;

describe('SOAP 1.1 envelope check', () => {
  it('passes a SOAP 1.1 envelope, with or without a declaration, comment or default namespace', () => {
    for (const xml of [
      envelope(`<soap:Envelope xmlns:soap="${SOAP_11_ENVELOPE}" xmlns:mw="https://modelwire.dev/soap/v1">`),
      envelope(`<?xml version="1.0" encoding="utf-8"?>\n<!-- hi --><soap:Envelope xmlns:soap='${SOAP_11_ENVELOPE}'>`),
      `<Envelope xmlns="${SOAP_11_ENVELOPE}"><Body/></Envelope>`,
    ]) {
      expect(requireSoap11Envelope(xml)).toBe(xml);
    }
  });

  it('refuses SOAP 1.2, a wrong or missing namespace, and a root that is no Envelope, as invalid_input', () => {
    for (const xml of [
      envelope('<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope">'),
      envelope('<soap:Envelope xmlns:soap="https://example.com/not-soap">'),
      envelope('<soap:Envelope>'),
      `<Envelope xmlns:soap="${SOAP_11_ENVELOPE}"><Body/></Envelope>`,
      `<soap:Body xmlns:soap="${SOAP_11_ENVELOPE}"/>`,
      'not xml',
    ]) {
      expect(() => requireSoap11Envelope(xml), xml).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    }
  });
});
