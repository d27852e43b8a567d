import type { FastifyInstance, FastifyReply } from 'fastify';
import { invalidInput, type ModelWireError } from '../../../lib/model-wire-error';
import type { InferenceCore } from '../../core/inference-core';
import { faultEnvelopeXml, toSoapError } from './error-mapping';
import { modelWireOperations } from './handler';
import { seedOperations } from './seed-operations';
import { createSoapEndpoint, type SoapEndpoint } from './soap-endpoint';
import { withServerTiming } from '../shared/server-timing';
import { decodeUtf8Strictly } from '../shared/strict-utf8';
import { requireSoap11Envelope } from './envelope-version';
import { refuseDenseMarkup, refuseDocumentTypeDeclarations } from './xml-guard';

const SOAP_XML = 'text/xml; charset=utf-8';

/**
 * SOAP 1.1 (document/literal) by node-soap: ModelWireService at /soap (WSDL at /soap?wsdl) and the seed deck's
 * MLService at /soap/ml (WSDL at /soap/ml?wsdl). Every error is a soap:Fault carrying the contract's code in
 * detail/mw:error. Register it with app.register(): its XML body parser and error handler stay inside its own scope.
 */
export async function soapAdapter(app: FastifyInstance, { core }: { core: InferenceCore }): Promise<void> {
  const endpoints = await Promise.all([
    createSoapEndpoint({
      path: '/soap',
      wsdlFile: new URL('./model-wire.wsdl', import.meta.url),
      service: 'ModelWireService',
      port: 'ModelWirePort',
      operations: modelWireOperations(withServerTiming(core)),
    }),
    createSoapEndpoint({
      path: '/soap/ml',
      wsdlFile: new URL('./ml-service.wsdl', import.meta.url),
      service: 'MLService',
      port: 'Application',
      operations: seedOperations(core),
    }),
  ]);

  // Only XML bodies here (anything else is a 415, answered as a Fault). The body arrives as a string no larger than the
  // server's bodyLimit (maxBodyBytes); DTDs and entities, and markup too dense to parse quickly, are refused before any
  // parsing.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['text/xml', 'application/xml'], { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, requireSoap11Envelope(refuseDenseMarkup(refuseDocumentTypeDeclarations(decodeUtf8Strictly(body as Buffer)))));
    } catch (error) {
      done(error as Error);
    }
  });

  app.setErrorHandler((error, request, reply) => {
    const wireError = toSoapError(error);
    if (wireError.code === 'internal') request.log.error({ err: error }, 'internal error');
    return sendFault(reply, wireError);
  });

  for (const endpoint of endpoints) registerEndpoint(app, endpoint);
}

function registerEndpoint(app: FastifyInstance, endpoint: SoapEndpoint) {
  // The WSDL, with ?wsdl or without.
  app.get(endpoint.path, async (request, reply) => reply.type(SOAP_XML).send(endpoint.wsdlFor(`${request.protocol}://${request.host}`)));

  app.post(endpoint.path, async (request, reply) => {
    if (typeof request.body !== 'string') throw invalidInput('Send a SOAP 1.1 envelope (Content-Type text/xml) as the body.');
    const soapAction = request.headers.soapaction;
    const context = { receivedAt: request.receivedAt, log: request.log, principal: request.principal };
    const answer = await endpoint.answer(request.body, typeof soapAction === 'string' ? soapAction : undefined, context);
    return reply.status(answer.statusCode).type(SOAP_XML).send(answer.body);
  });
}

// SOAP 1.1 §6.2: a Fault goes back with HTTP 500, whatever its cause.
const sendFault = (reply: FastifyReply, error: ModelWireError) => reply.status(500).type(SOAP_XML).send(faultEnvelopeXml(error));
