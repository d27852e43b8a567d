import type { FastifyBaseLogger } from 'fastify';
import { ModelWireError, invalidInput } from '../../../lib/model-wire-error';
import type { LazyPrincipal } from '../shared/bearer-token';

/** What an operation gets besides its arguments. */
export interface SoapCallContext {
  /** performance.now() when the HTTP request arrived. */
  receivedAt: number;
  log: FastifyBaseLogger;
  /** The caller behind the HTTP request's Authorization: Bearer header. */
  principal: LazyPrincipal;
}

/** One request on its way through node-soap's Server, with what node-soap reported about it. */
export interface SoapCall {
  context: SoapCallContext;
  soapAction: string | undefined;
  /** Puts back the long base64 texts lifted out of the envelope before parsing (lifted-text.ts). */
  restoreTexts: <T>(value: T) => T;
  /** The Body's child elements, from the Server's 'request' event (the envelope parsed). */
  bodyElements?: string[];
  /** Set once node-soap has handed the call to one of our operations. */
  dispatched?: boolean;
  /** What node-soap caught when it could not read the envelope, from the Server's log ('error'). */
  failure?: unknown;
}

// processRequest carries only a URL and headers to the operation, so the call is handed over in a variable set while
// processRequest runs: node-soap parses, emits 'request' and calls the operation synchronously inside it, and the
// operation takes the call before its first await. (Not AsyncLocalStorage: on Node 20 it puts a hook on every promise
// of the process; see server/request-timing.ts.)
let current: SoapCall | undefined;

export function runSoapCall<T>(call: SoapCall, run: () => T): T {
  const outer = current;
  current = call;
  try {
    return run();
  } finally {
    current = outer;
  }
}

export const currentSoapCall = (): SoapCall | undefined => current;

const onlyOperationElement = (operations: string[]) =>
  invalidInput(`Expected a SOAP 1.1 Envelope whose Body holds one operation element (${operations.join(', ')}).`);

/** What node-soap leaves unchecked: one operation element in the Body, and a SOAPAction (if any) naming it. */
export function misaddressedError(call: SoapCall, operation: string, operations: string[]): ModelWireError | undefined {
  if (call.bodyElements?.length !== 1) return onlyOperationElement(operations);
  const action = call.soapAction?.replace(/^"(.*)"$/, '$1');
  if (action && action.split('/').pop() !== operation) {
    return invalidInput(`The SOAPAction header "${action}" does not match the Body's operation ${operation}.`);
  }
  return undefined;
}

// node-soap answers what it cannot dispatch with Faults of its own making: faultcode "500" and a WS-Security timestamp
// header for bad XML or an unknown operation, a SOAP 1.2-shaped Fault inside the SOAP 1.1 envelope for a Body without
// an operation (https://github.com/vpulim/node-soap/pull/1099, closed unmerged). Such calls get the contract's error.

/** Why node-soap could not hand a request to an operation, as a contract error. */
export function undispatchedError(failure: unknown, operations: string[]): ModelWireError {
  if (failure instanceof ModelWireError) return failure; // a strict number deserializer refused a value
  if (failure === undefined) return onlyOperationElement(operations); // parsed, but no operation element to dispatch
  const parserMessage = (failure as { Fault?: { detail?: unknown } } | null)?.Fault?.detail;
  if (typeof parserMessage !== 'string') return invalidInput('The request could not be read as a SOAP 1.1 envelope for this service.');
  const missing = /Could not find message (\S+)/.exec(parserMessage);
  if (missing) {
    const name = missing[1]!;
    return new ModelWireError('not_found', `There is no operation "${name}" here. Operations: ${operations.join(', ')}.`, { operation: name });
  }
  return invalidInput(`The request is not well-formed XML: ${parserMessage.replace(/^Error: /, '').split('\n').join(', ')}.`);
}
