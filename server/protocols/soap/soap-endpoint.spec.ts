import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import { OPEN_ACCESS } from '../../core/auth/principal';
import { createSoapEndpoint } from './soap-endpoint';

const log = { error: () => undefined } as unknown as FastifyBaseLogger;
const contextAt = (receivedAt: number) => ({ receivedAt, log, principal: async () => OPEN_ACCESS });

const envelope = (body: string) =>
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${body}</s:Body></s:Envelope>`;
const predict = (feature1: string) =>
  `<ml:predict xmlns:ml="http://example.com/ml"><ml:feature1>${feature1}</ml:feature1><ml:feature2>0</ml:feature2></ml:predict>`;

// The seed's MLService, with an operation that answers the arrival time its call context carries, after a delay.
const endpoint = await createSoapEndpoint({
  path: '/soap/ml',
  wsdlFile: new URL('./ml-service.wsdl', import.meta.url),
  service: 'MLService',
  port: 'Application',
  operations: {
    async predict(args: { feature1: number }, { receivedAt }) {
      await new Promise((resolve) => setTimeout(resolve, args.feature1));
      return { predictResult: receivedAt };
    },
  },
});

/** The contract error of a refused call: thrown before dispatch, or inside the Fault node-soap wrote after it. */
async function refusalOf(xml: string, soapAction?: string) {
  try {
    const { body } = await endpoint.answer(xml, soapAction, contextAt(0));
    return { code: /<mw:code>(.*?)<\/mw:code>/.exec(body)?.[1], message: /<faultstring>(.*?)<\/faultstring>/.exec(body)?.[1] };
  } catch (error) {
    return { code: (error as { code: string }).code, message: (error as Error).message };
  }
}

describe('createSoapEndpoint (node-soap serverless Server)', () => {
  it('hands each call its own context, even when calls overlap', async () => {
    const delays = [30, 1, 15];
    const answers = await Promise.all(delays.map((delay, receivedAt) => endpoint.answer(envelope(predict(String(delay))), 'predict', contextAt(receivedAt))));
    answers.forEach(({ statusCode, body }, receivedAt) => {
      expect(statusCode).toBe(200);
      expect(body).toContain(`<predictResult>${receivedAt}</predictResult>`);
    });
  });

  it.each([
    ['an unknown operation', envelope('<ml:explain xmlns:ml="http://example.com/ml"/>'), undefined, 'not_found', /no operation "(ml:)?explain" here\. Operations: predict\./],
    ['an empty Body', envelope(''), undefined, 'invalid_input', /one operation element \(predict\)/],
    ['two operation elements', envelope(predict('1') + predict('2')), undefined, 'invalid_input', /one operation element/],
    ['a SOAPAction naming another operation', envelope(predict('1')), '"http://example.com/ml/train"', 'invalid_input', /SOAPAction header &quot;http:\/\/example.com\/ml\/train/],
    ['a value that is not an xs:float', envelope(predict('one')), undefined, 'invalid_input', /<feature1> must be a number/],
    ['XML that is not well-formed', '<s:Envelope><s:Body>', undefined, 'invalid_input', /not well-formed XML/],
  ])('refuses %s with the contract error node-soap would not give', async (_label, xml, soapAction, code, message) => {
    expect(await refusalOf(xml, soapAction)).toMatchObject({ code, message: expect.stringMatching(message) });
  });

  it('serves its WSDL addressed to the origin the client used', () => {
    expect(endpoint.wsdlFor('http://example.test:8080')).toContain('<soap:address location="http://example.test:8080/soap/ml"/>');
  });
});
