import { readFile } from 'node:fs/promises';
import type { FastifyBaseLogger } from 'fastify';
import { Server, type IServerlessResponse, type ISoapServiceMethod } from 'soap';
import { ModelWireError } from '../../../lib/model-wire-error';
import { escapeXml, soapFaultOf } from './error-mapping';
import { ParseOnceWsdl } from './parse-once-wsdl';

/** What an operation gets besides its arguments. */
export interface SoapCallContext {
  /** performance.now() when the HTTP request arrived. */
  receivedAt: number;
  log: FastifyBaseLogger;
}

// node-soap hands over untyped objects, parsed per the WSDL's types.
export type SoapOperation = (args: any, context: SoapCallContext) => Promise<object>;
export type SoapOperations = Record<string, SoapOperation>;

export interface SoapEndpoint {
  path: string;
  /** The WSDL with its soap:address pointing at this server as the client reached it. */
  wsdlFor(origin: string): string;
  answer(xml: string, soapAction: string | undefined, context: SoapCallContext): Promise<IServerlessResponse>;
}

/** One WSDL service served by node-soap's Server, which is given each request by a fastify route (processRequest). */
export async function createSoapEndpoint(options: {
  path: string;
  wsdlFile: URL;
  service: string;
  port: string;
  operations: SoapOperations;
}): Promise<SoapEndpoint> {
  const { path, service, port } = options;
  const wsdlXml = await readFile(options.wsdlFile, 'utf8');
  const methods = Object.fromEntries(Object.entries(options.operations).map(([name, operation]) => [name, nodeSoapMethod(operation)]));
  const wsdl = new ParseOnceWsdl(wsdlXml, options.wsdlFile.href);
  // The WSDL loads on the next tick and calls back only whoever is waiting by then: the Server, created right now.
  const server = await new Promise<Server>((resolve, reject) => {
    const created = new Server(null, path, { [service]: { [port]: methods } }, wsdl, {
      path,
      services: {},
      suppressStack: true,
      callback: (error: unknown) => (error ? reject(error) : resolve(created)),
    });
  });

  return {
    path,
    wsdlFor: (origin) => wsdl.toXML().replace(/(<soap:address location=")[^"]*"/, `$1${escapeXml(origin + path)}"`),
    answer(xml, soapAction, context) {
      // Parses and checks the envelope, throwing a contract error; node-soap's Server below reuses that parse.
      wsdl.readOperation(xml, soapAction);
      // node-soap passes `connection` through to the operation untouched: the way in for the call's context.
      return server.processRequest(xml, { url: path, headers: { 'content-type': 'text/xml; charset=utf-8' }, connection: context });
    },
  };
}

/** An operation as node-soap calls it: (args, callback, headers, req). Failures become Faults with the contract's code. */
function nodeSoapMethod(operation: SoapOperation): ISoapServiceMethod {
  return async (args, _callback, _headers, request: { connection: SoapCallContext }) => {
    const context = request.connection;
    try {
      return await operation(args ?? {}, context);
    } catch (error) {
      const wireError = ModelWireError.from(error);
      if (wireError.code === 'internal') context.log.error({ err: error }, 'internal error in a SOAP operation');
      throw soapFaultOf(wireError);
    }
  };
}
