import { expect } from 'vitest';

export interface SoapFault {
  httpStatus: number | undefined;
  faultcode: string;
  faultstring: string;
  /** The contract's error code from detail/mw:error/mw:code. */
  code: string;
}

/** Awaits a node-soap client call that must fail, and returns the Fault it got back. */
export async function faultOfClientCall(call: Promise<unknown>): Promise<SoapFault> {
  try {
    await call;
  } catch (error) {
    const failure = error as { response?: { status?: number }; root?: { Envelope?: { Body?: { Fault?: any } } } };
    const fault = failure.root?.Envelope?.Body?.Fault;
    expect(fault, `expected a SOAP Fault, got ${String(error)}`).toBeDefined();
    return { httpStatus: failure.response?.status, faultcode: fault.faultcode, faultstring: fault.faultstring, code: fault.detail?.error?.code };
  }
  throw new Error('expected the call to answer a SOAP Fault');
}

const textOf = (xml: string, element: string) => new RegExp(`<(?:\\w+:)?${element}(?:\\s[^>]*)?>([^<]*)</(?:\\w+:)?${element}>`).exec(xml)?.[1];

/** Reads the Fault out of a raw SOAP 1.1 response text. */
export function faultOfXml(httpStatus: number, xml: string): SoapFault {
  expect(xml).toMatch(/<(\w+:)?Fault>/);
  return { httpStatus, faultcode: textOf(xml, 'faultcode') ?? '', faultstring: textOf(xml, 'faultstring') ?? '', code: textOf(xml, 'code') ?? '' };
}
