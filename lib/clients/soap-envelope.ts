import type { PredictionInput, TrainRequest } from '../contract';
import { toBase64 } from './wire-format';

// SOAP 1.1 request envelopes for ModelWireService, built by hand to match server/protocols/soap/model-wire.wsdl
// (document/literal, elementFormDefault qualified: every element of the operation is in the mw namespace).

export const SOAP_ENVELOPE_NAMESPACE = 'http://schemas.xmlsoap.org/soap/envelope/';
export const MODELWIRE_NAMESPACE = 'https://modelwire.dev/soap/v1';
export const SOAP_CONTENT_TYPE = 'text/xml; charset=utf-8';

export type SoapOperation = 'ListModels' | 'Predict' | 'Train';

/** The soapAction of each operation in the WSDL's binding. */
export const soapActionOf = (operation: SoapOperation) => `${MODELWIRE_NAMESPACE}/${operation}`;

export const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** A number as xs:double writes it (INF, -INF and NaN are the schema's spellings). */
export function xsDouble(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'INF';
  if (value === -Infinity) return '-INF';
  return String(value);
}

const element = (name: string, content: string) => `<mw:${name}>${content}</mw:${name}>`;
const values = (numbers: readonly number[]) => numbers.map((value) => element('value', xsDouble(value))).join('');
// Indentation of the operation's children inside soapenv:Body, so the envelope reads as a tree in the wire view.
const INDENT = '\n      ';
const rows = (name: string, matrix: readonly (readonly number[])[]) =>
  `${INDENT}${element(name, matrix.map((row) => `${INDENT}  ${element('row', values(row))}`).join('') + INDENT)}`;

/** The whole envelope around one operation element. */
export function envelope(operation: string): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n` +
    `<soapenv:Envelope xmlns:soapenv="${SOAP_ENVELOPE_NAMESPACE}" xmlns:mw="${MODELWIRE_NAMESPACE}">\n` +
    `  <soapenv:Body>\n    ${operation}\n  </soapenv:Body>\n</soapenv:Envelope>\n`
  );
}

/** The input element of mw:Predict; `imageBase64` lets copy-as put a shell substitution in place of the bytes. */
function inputElement(input: PredictionInput, imageBase64?: string): string {
  switch (input.kind) {
    case 'text':
      return `${INDENT}${element('text', escapeXml(input.text))}`;
    case 'features':
      return rows('features', input.rows);
    case 'image':
      return `${INDENT}${element('image', imageBase64 ?? toBase64(input.image))}`;
  }
}

export function predictEnvelope(model: string, input: PredictionInput, topK?: number, imageBase64?: string): string {
  const topKElement = topK === undefined ? '' : `${INDENT}${element('topK', String(topK))}`;
  return envelope(`<mw:Predict>${INDENT}${element('model', escapeXml(model))}${inputElement(input, imageBase64)}${topKElement}\n    </mw:Predict>`);
}

export function trainEnvelope(model: string, request: TrainRequest): string {
  const ridge = request.ridge === undefined ? '' : `${INDENT}${element('ridge', xsDouble(request.ridge))}`;
  const targets = `${INDENT}${element('targets', values(request.y))}`;
  return envelope(`<mw:Train>${INDENT}${element('model', escapeXml(model))}${rows('rows', request.X)}${targets}${ridge}\n    </mw:Train>`);
}

export const listModelsEnvelope = () => envelope('<mw:ListModels/>');

/** Indents one-line XML (as servers send it) for the wire view; text content is left untouched. */
export function prettyXml(xml: string): string {
  if (xml.includes('\n<')) return xml;
  let depth = 0;
  return xml
    .replace(/>\s*</g, '>\n<')
    .split('\n')
    .map((line) => {
      const closing = line.startsWith('</');
      const opensAndStays = /^<[^!?/][^>]*[^/]>$/.test(line) || /^<[^!?/>]+>$/.test(line);
      if (closing) depth = Math.max(0, depth - 1);
      const indented = `${'  '.repeat(depth)}${line}`;
      if (opensAndStays) depth++;
      return indented;
    })
    .join('\n');
}
