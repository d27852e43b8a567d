import type { LabelScore, ModelDescriptor, PredictionOutput, PredictionResult, SentimentLabel, TrainResult } from '../contract';
import { ModelWireError } from '../model-wire-error';
import type { ProtocolError } from './protocol-client';
import { MODELWIRE_NAMESPACE, SOAP_ENVELOPE_NAMESPACE } from './soap-envelope';
import { childElement, childElements, childText, readXml, type XmlElement } from './xml-reader';

// SOAP 1.1 response envelopes of ModelWireService read back into the contract's types (model-wire.wsdl).

export class SoapReadError extends Error {
  override readonly name = 'SoapReadError';
}

/** The one element inside soap:Body: an operation's response or a soap:Fault. */
export function bodyElementOf(xml: string): XmlElement {
  const root = readXml(xml);
  if (root.localName !== 'Envelope' || root.namespace !== SOAP_ENVELOPE_NAMESPACE) {
    throw new SoapReadError(`expected a SOAP 1.1 Envelope, got <${root.localName}> in ${root.namespace ?? 'no namespace'}`);
  }
  const content = childElement(root, 'Body', SOAP_ENVELOPE_NAMESPACE)?.children[0];
  if (!content) throw new SoapReadError('the SOAP Body is empty');
  return content;
}

export const isFault = (element: XmlElement) => element.localName === 'Fault' && element.namespace === SOAP_ENVELOPE_NAMESPACE;

function required(parent: XmlElement | undefined, name: string): string {
  const text = childText(parent, name);
  if (text === undefined) throw new SoapReadError(`<${parent?.localName ?? '?'}> has no <${name}>`);
  return text;
}

/** xs:double and xs:int as the schema spells them. */
function numberOf(text: string, name: string): number {
  const trimmed = text.trim();
  const value = trimmed === 'INF' ? Infinity : trimmed === '-INF' ? -Infinity : trimmed === 'NaN' ? NaN : Number(trimmed);
  if (trimmed === '' || (Number.isNaN(value) && trimmed !== 'NaN')) throw new SoapReadError(`<${name}> is not a number: "${text}"`);
  return value;
}

const numberIn = (parent: XmlElement | undefined, name: string) => numberOf(required(parent, name), name);
const numbersIn = (parent: XmlElement | undefined, name: string) => childElements(parent, name).map((child) => numberOf(child.text, name));

const modelRefOf = (response: XmlElement) => {
  const model = childElement(response, 'model');
  return { name: required(model, 'name'), version: numberIn(model, 'version') };
};

function outputOf(response: XmlElement): PredictionOutput {
  const sentiment = childElement(response, 'sentiment');
  if (sentiment) {
    const label = required(sentiment, 'label') as SentimentLabel;
    return { kind: 'sentiment', label, score: numberIn(sentiment, 'score'), probability: numberIn(sentiment, 'probability') };
  }
  const regression = childElement(response, 'regression');
  if (regression) return { kind: 'regression', values: numbersIn(regression, 'value') };
  const classification = childElement(response, 'classification');
  if (classification) {
    const labels: LabelScore[] = childElements(classification, 'labelScore').map((entry) => ({
      label: required(entry, 'label'),
      classIndex: numberIn(entry, 'classIndex'),
      probability: numberIn(entry, 'probability'),
    }));
    return { kind: 'classification', labels };
  }
  throw new SoapReadError('PredictResponse holds none of <sentiment>, <regression>, <classification>');
}

export function predictResultOf(response: XmlElement): PredictionResult {
  const timing = childElement(response, 'timing');
  return {
    model: modelRefOf(response),
    output: outputOf(response),
    timing: { serverMs: numberIn(timing, 'serverMs'), inferenceMs: numberIn(timing, 'inferenceMs'), preprocessMs: numberIn(timing, 'preprocessMs') },
    cached: childElement(response, 'cached')?.text.trim() === 'true',
  };
}

export function trainResultOf(response: XmlElement): TrainResult {
  const timing = childElement(response, 'timing');
  return {
    model: modelRefOf(response),
    coefficients: numbersIn(response, 'coefficient'),
    intercept: numberIn(response, 'intercept'),
    r2: numberIn(response, 'r2'),
    samples: numberIn(response, 'samples'),
    featureCount: numberIn(response, 'featureCount'),
    timing: { serverMs: numberIn(timing, 'serverMs'), trainingMs: numberIn(timing, 'trainingMs') },
  };
}

function descriptorOf(model: XmlElement): ModelDescriptor {
  const optional = (name: string) => childText(model, name);
  const optionalNumber = (name: string) => (optional(name) === undefined ? undefined : numberIn(model, name));
  const descriptor: ModelDescriptor = {
    name: required(model, 'name'),
    kind: required(model, 'kind') as ModelDescriptor['kind'],
    input: required(model, 'input') as ModelDescriptor['input'],
    description: required(model, 'description'),
    status: required(model, 'status') as ModelDescriptor['status'],
    version: optionalNumber('version') ?? null,
    versions: numbersIn(childElement(model, 'versions'), 'version'),
    trainable: required(model, 'trainable').trim() === 'true',
  };
  const installCommand = optional('installCommand');
  const [featureCount, classCount, sha256] = [optionalNumber('featureCount'), optionalNumber('classCount'), optional('sha256')];
  return {
    ...descriptor,
    ...(installCommand !== undefined ? { installCommand } : {}),
    ...(featureCount !== undefined ? { featureCount } : {}),
    ...(classCount !== undefined ? { classCount } : {}),
    ...(sha256 !== undefined ? { sha256 } : {}),
  };
}

export const modelsOf = (response: XmlElement) => childElements(response, 'model').map(descriptorOf);

const factValue = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** A soap:Fault in SOAP's words: `native` is the faultcode and faultstring, the code comes from detail/mw:error. */
export function faultErrorOf(fault: XmlElement): ProtocolError {
  const faultcode = childText(fault, 'faultcode')?.trim() ?? 'soap:Server';
  const faultstring = childText(fault, 'faultstring') ?? '';
  const error = childElement(childElement(fault, 'detail'), 'error', MODELWIRE_NAMESPACE);
  const code = childText(error, 'code')?.trim();
  const facts = childElements(error, 'detail').map((fact) => [childText(fact, 'name') ?? '', factValue(childText(fact, 'value') ?? '')]);
  return {
    code: ModelWireError.isCode(code) ? code : 'internal',
    message: faultstring || childText(error, 'message') || 'SOAP Fault without a faultstring',
    native: `${faultcode}: ${faultstring}`,
    ...(facts.length > 0 ? { details: Object.fromEntries(facts) } : {}),
  };
}
