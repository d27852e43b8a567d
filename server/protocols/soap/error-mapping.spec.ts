import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../lib/contract';
import { ModelWireError } from '../../../lib/model-wire-error';
import { faultcodeOf, faultEnvelopeXml, soapFaultOf, toSoapError } from './error-mapping';

describe('SOAP error mapping', () => {
  it('blames the client for bad requests and the server for what it cannot do right now', () => {
    const server = ERROR_CODES.filter((code) => faultcodeOf(code) === 'soap:Server');
    expect(server).toEqual(['not_installed', 'overloaded', 'internal']);
    expect(ERROR_CODES.filter((code) => faultcodeOf(code) === 'soap:Client')).toHaveLength(ERROR_CODES.length - server.length);
  });

  it('writes a SOAP 1.1 Fault envelope with the code and escaped message and facts in detail/mw:error', () => {
    const error = new ModelWireError('not_installed', 'Run <npm run models:fetch> & retry', { installCommand: 'npm run models:fetch', versions: [1, 2] });
    const xml = faultEnvelopeXml(error);
    expect(xml).toContain('<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode>');
    expect(xml).toContain('<faultstring>Run &lt;npm run models:fetch&gt; &amp; retry</faultstring>');
    expect(xml).toContain('<detail><mw:error xmlns:mw="https://modelwire.dev/soap/v1"><mw:code>not_installed</mw:code>');
    expect(xml).toContain('<mw:detail><mw:name>versions</mw:name><mw:value>[1,2]</mw:value></mw:detail>');
  });

  it('gives node-soap a fault object with the same detail and HTTP 500', () => {
    const { Fault } = soapFaultOf(new ModelWireError('invalid_input', 'bad "text"'));
    expect(Fault).toMatchObject({ faultcode: 'soap:Client', faultstring: 'bad "text"', statusCode: 500 });
    expect(Fault.detail.$xml).toContain('<mw:message>bad &quot;text&quot;</mw:message>');
  });

  it("understands fastify's own errors and never leaks an unknown error's text", () => {
    expect(toSoapError({ statusCode: 413, message: 'Request body is too large' }).code).toBe('too_large');
    expect(toSoapError({ statusCode: 415, message: 'Unsupported Media Type' }).message).toMatch(/text\/xml/);
    expect(toSoapError(new Error('secret path /etc/x')).toBody()).toEqual({ code: 'internal', message: 'Internal server error.' });
  });
});
