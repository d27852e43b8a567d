import { readFile } from 'node:fs/promises';
import { createServerless, type IOptions, type IServerOptions, type IServerlessResponse, type ISoapServiceMethod, type Server } from 'soap';
import { ModelWireError } from '../../../lib/model-wire-error';
import { strictNumberDeserializers } from './codec';
import { escapeXml, soapFaultOf } from './error-mapping';
import { liftLongTexts } from './lifted-text';
import { currentSoapCall, misaddressedError, runSoapCall, undispatchedError, type SoapCall, type SoapCallContext } from './soap-call';

export type { SoapCallContext } from './soap-call';

// node-soap hands over untyped objects, parsed per the WSDL's types.
export type SoapOperation = (args: any, context: SoapCallContext) => Promise<object>;
export type SoapOperations = Record<string, SoapOperation>;

export interface SoapEndpoint {
  path: string;
  /** The WSDL with its soap:address pointing at this server as the client reached it. */
  wsdlFor(origin: string): string;
  /** node-soap's answer to one envelope; throws the contract's error for an envelope node-soap could not dispatch. */
  answer(xml: string, soapAction: string | undefined, context: SoapCallContext): Promise<IServerlessResponse>;
}

const ATTRIBUTES_KEY = 'attributes';

/**
 * One WSDL service served by node-soap's serverless Server (soap.createServerless + processRequest), which a fastify
 * route hands each request body. The Server routes by the Body's element; its 'request' event and log say how far
 * each call got.
 */
export async function createSoapEndpoint(options: {
  path: string;
  wsdlFile: URL;
  service: string;
  port: string;
  operations: SoapOperations;
}): Promise<SoapEndpoint> {
  const { path, service, port } = options;
  const wsdlXml = await readFile(options.wsdlFile, 'utf8');
  const names = Object.keys(options.operations);
  const methods = Object.fromEntries(Object.entries(options.operations).map(([name, operation]) => [name, nodeSoapMethod(name, operation, names)]));
  const server = await serverlessSoapServer({
    path,
    services: { [service]: { [port]: methods } },
    xml: wsdlXml,
    uri: options.wsdlFile.href,
    attributesKey: ATTRIBUTES_KEY,
    suppressStack: true,
    returnFault: true,
    customDeserializer: strictNumberDeserializers,
  });
  server.on('request', (envelope: { Body?: unknown }) => {
    const call = currentSoapCall();
    if (call) call.bodyElements = bodyElementsOf(envelope);
  });
  server.log = (type, data) => {
    const call = currentSoapCall();
    if (type === 'error' && call) call.failure = data;
  };

  return {
    path,
    wsdlFor: (origin) => wsdlXml.replace(/(<soap:address location=")[^"]*"/, `$1${escapeXml(origin + path)}"`),
    async answer(xml, soapAction, context) {
      const lifted = liftLongTexts(xml);
      const call: SoapCall = { context, soapAction, restoreTexts: lifted.restore };
      // No SOAPAction header for node-soap: it then routes by the Body's element, and misaddressedError checks the header.
      const response = await runSoapCall(call, () => server.processRequest(lifted.xml, { url: path, headers: { 'content-type': 'text/xml; charset=utf-8' } }));
      if (!call.dispatched) throw undispatchedError(call.failure, names);
      return response;
    },
  };
}

/** createServerless resolves before the WSDL is loaded; its `callback` option is called once the Server is ready. */
function serverlessSoapServer(options: IServerOptions & Pick<IOptions, 'customDeserializer'>): Promise<Server> {
  return new Promise((resolve, reject) => {
    createServerless({ ...options, callback: (error: unknown, server: Server) => (error ? reject(error) : resolve(server)) }).catch(reject);
  });
}

/** The Body's child elements by name, once per occurrence (node-soap gathers repeated elements into an array). */
function bodyElementsOf({ Body: body }: { Body?: unknown }): string[] {
  if (typeof body !== 'object' || body === null) return [];
  return Object.entries(body)
    .filter(([key]) => key !== ATTRIBUTES_KEY)
    .flatMap(([key, value]) => (Array.isArray(value) ? value.map(() => key) : [key]));
}

/** An operation as node-soap calls it, (args, callback, headers, req); failures become Faults with the contract's code. */
function nodeSoapMethod(name: string, operation: SoapOperation, operations: string[]): ISoapServiceMethod {
  return async (args) => {
    const call = currentSoapCall();
    if (!call) throw soapFaultOf(ModelWireError.from(new Error(`SOAP operation ${name} called outside a request`)));
    call.dispatched = true;
    try {
      const refusal = misaddressedError(call, name, operations);
      if (refusal) throw refusal;
      return await operation(call.restoreTexts(args ?? {}), call.context);
    } catch (error) {
      const wireError = ModelWireError.from(error);
      if (wireError.code === 'internal') call.context.log.error({ err: error }, 'internal error in a SOAP operation');
      throw soapFaultOf(wireError);
    }
  };
}
