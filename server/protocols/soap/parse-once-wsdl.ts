import { WSDL } from 'soap';
import { ModelWireError, invalidInput } from '../../../lib/model-wire-error';
import { strictNumberDeserializers } from './codec';

type Envelope = { Body?: unknown } | null | undefined;

// node-soap answers a request it cannot parse with a fault of its own making (faultcode "500", a WS-Security timestamp
// header, or a SOAP 1.2-shaped fault for an unknown operation). So the adapter reads each envelope first, answering
// every way it can be wrong with a contract error, and node-soap's Server then reuses that very parse.

/** node-soap's WSDL (a .wsdl file), that reads request envelopes strictly and parses each of them only once. */
export class ParseOnceWsdl extends WSDL {
  #lastRead: { xml: string; envelope: Envelope } | undefined;

  /** Not ready until node-soap's Server built on it says so: give it to `new Server(...)` in the same tick. */
  constructor(xml: string, uri: string) {
    super(xml, uri, { returnFault: true, customDeserializer: strictNumberDeserializers });
  }

  /** Operation name → its soapAction, from the WSDL's binding. */
  get soapActions(): Map<string, string> {
    return new Map(Object.values(this.definitions.bindings).flatMap((binding) => Object.entries(binding.methods).map(([name, op]) => [name, op.soapAction])));
  }

  /** Parses a request and names its operation, or throws invalid_input / not_found saying what is wrong. */
  readOperation(xml: string, soapAction: string | undefined): string {
    const envelope = this.#parse(xml);
    const operations = this.soapActions;
    const body = envelope?.Body;
    const elements = typeof body === 'object' && body !== null ? Object.keys(body).filter((key) => key !== this.options.attributesKey) : [];
    const operation = elements[0];
    if (elements.length !== 1 || operation === undefined) {
      throw invalidInput(`Expected a SOAP 1.1 Envelope whose Body holds one operation element (${[...operations.keys()].join(', ')}).`);
    }
    if (!operations.has(operation)) throw unknownOperation(operation, operations);
    const action = soapAction?.replace(/^"(.*)"$/, '$1');
    if (action && action !== operations.get(operation) && action.split('/').pop() !== operation) {
      throw invalidInput(`The SOAPAction header "${action}" does not match the Body's operation ${operation}.`);
    }
    this.#lastRead = { xml, envelope };
    return operation;
  }

  override xmlToObject(xml: unknown, callback?: unknown): unknown {
    const lastRead = this.#lastRead;
    this.#lastRead = undefined;
    if (lastRead && lastRead.xml === xml && callback === undefined) return lastRead.envelope;
    return super.xmlToObject(xml, callback);
  }

  #parse(xml: string): Envelope {
    try {
      return super.xmlToObject(xml) as Envelope;
    } catch (error) {
      if (error instanceof ModelWireError) throw error;
      const parserMessage = (error as { Fault?: { detail?: unknown } }).Fault?.detail;
      if (typeof parserMessage !== 'string') throw invalidInput('The request could not be read as a SOAP 1.1 envelope for this service.');
      const missing = /Could not find message (\S+)/.exec(parserMessage);
      if (missing) throw unknownOperation(missing[1]!, this.soapActions);
      throw invalidInput(`The request is not well-formed XML: ${parserMessage.replace(/^Error: /, '').split('\n').join(', ')}.`);
    }
  }
}

const unknownOperation = (name: string, operations: Map<string, string>) =>
  new ModelWireError('not_found', `There is no operation "${name}" here. Operations: ${[...operations.keys()].join(', ')}.`, { operation: name });
