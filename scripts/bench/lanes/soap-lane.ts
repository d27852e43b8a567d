import type { PredictionInput } from '../../../lib/contract';
import { base64Of, encodedOnce, seedEncodedOnce, unexpected } from './answers';
import { createHttpTransport } from './http-transport';
import type { Answer, Lane } from './lane';

// Fixed envelopes over HTTP rather than node-soap's client: its WSDL-driven marshalling would cost the one shared
// client more than the servers under test, for both ModelWire and the floor alike.

const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const MW = 'https://modelwire.dev/soap/v1';

const envelope = (namespaces: string, body: string) =>
  `<soap-env:Envelope xmlns:soap-env="${SOAP_ENV}"${namespaces}><soap-env:Body>${body}</soap-env:Body></soap-env:Envelope>`;

const seedEnvelope = seedEncodedOnce((feature1, feature2) =>
  Buffer.from(envelope('', `<ns0:predict xmlns:ns0="http://example.com/ml"><ns0:feature1>${feature1}</ns0:feature1><ns0:feature2>${feature2}</ns0:feature2></ns0:predict>`)),
);

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function inputElement(input: PredictionInput): string {
  switch (input.kind) {
    case 'text':
      return `<mw:text>${escapeXml(input.text)}</mw:text>`;
    case 'features':
      return `<mw:features>${input.rows.map((row) => `<mw:row>${row.map((value) => `<mw:value>${value}</mw:value>`).join('')}</mw:row>`).join('')}</mw:features>`;
    case 'image':
      return `<mw:image>${base64Of(input.image)}</mw:image>`;
  }
}

const predictEnvelope = encodedOnce((model, input) =>
  Buffer.from(envelope(` xmlns:mw="${MW}"`, `<mw:Predict><mw:model>${escapeXml(model)}</mw:model>${inputElement(input)}</mw:Predict>`)),
);

const headersOf = (action: string) => ({ 'content-type': 'text/xml; charset=utf-8', soapaction: `"${action}"` });
const SEED_HEADERS = headersOf('predict');
const PREDICT_HEADERS = headersOf(`${MW}/Predict`);

/** The text of the first element with this local name, whatever its prefix. */
const firstElementText = (xml: string, name: string) => new RegExp(`<(?:[\\w-]+:)?${name}>([^<]*)<`).exec(xml)?.[1];

function answerOf(xml: string): Answer {
  const regression = /<(?:[\w-]+:)?regression>/.test(xml) ? firstElementText(xml, 'value') : undefined;
  if (regression !== undefined) return Number(regression);
  return firstElementText(xml, 'label') ?? unexpected('SOAP reply', xml);
}

export const soapLane: Lane = {
  protocol: 'soap',
  client: 'node:http keep-alive agent, fixed SOAP 1.1 envelopes (not node-soap\'s client)',
  seedCall: 'POST /soap/ml MLService.predict(feature1, feature2) → predictResult',
  predictCall: 'POST /soap ModelWireService Predict; images as xs:base64Binary',
  async connect(endpoint, maxInFlight) {
    const http = createHttpTransport(endpoint, maxInFlight);
    const call = async (path: string, body: Buffer, headers: Record<string, string>) => (await http.post(path, body, headers)).toString();
    return {
      async seed(feature1, feature2) {
        const xml = await call('/soap/ml', seedEnvelope(feature1, feature2), SEED_HEADERS);
        return Number(firstElementText(xml, 'predictResult') ?? unexpected('SOAP seed reply', xml));
      },
      predict: async (model, input) => answerOf(await call('/soap', predictEnvelope(model, input), PREDICT_HEADERS)),
      close: async () => http.close(),
    };
  },
};

