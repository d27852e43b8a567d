import { describe, expect, it } from 'vitest';
import { faultOfXml } from './soap-faults';
import { postJson } from './support/start-api';
import { useApi } from './support/use-api';

const MW = 'https://modelwire.dev/soap/v1';
const envelope = (body: string) =>
  `<?xml version="1.0" encoding="utf-8"?>\n<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:mw="${MW}">` +
  `<soapenv:Header/><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
const predictText = (text: string) => envelope(`<mw:Predict><mw:model>sentiment</mw:model><mw:text>${text}</mw:text></mw:Predict>`);

describe('SOAP 1.1 by hand: raw envelopes over fetch, answers read as text', () => {
  const api = useApi();

  async function post(body: string, { path = '/soap', action = '', contentType = 'text/xml; charset=utf-8' } = {}) {
    const started = performance.now();
    const response = await fetch(`${api().url}${path}`, { method: 'POST', headers: { 'content-type': contentType, soapaction: `"${action}"` }, body });
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text(), ms: performance.now() - started };
  }

  async function expectStillServing() {
    const { status, text } = await post(predictText('Still working, and it is great.'), { action: `${MW}/Predict` });
    expect(status).toBe(200);
    expect(text).toContain('<mw:label>positive</mw:label>');
  }

  it('serves both WSDLs, addressed to the host the client used, documenting where each service is', async () => {
    const main = await (await fetch(`${api().url}/soap?wsdl`)).text();
    expect(main).toContain('<wsdl:service name="ModelWireService">');
    expect(main).toContain(`<soap:address location="${api().url}/soap"/>`);
    expect(main).toMatch(/<soap:binding style="document" transport="http:\/\/schemas.xmlsoap.org\/soap\/http"\/>/);
    expect(main).toMatch(/wsdl:documentation>[^<]*\/soap\/ml/);
    const seed = await (await fetch(`${api().url}/soap/ml?wsdl`)).text();
    expect(seed).toContain('targetNamespace="http://example.com/ml"');
    expect(seed).toContain('<wsdl:service name="MLService">');
    expect(seed).toContain(`<soap:address location="${api().url}/soap/ml"/>`);
  });

  it('answers a hand-written Predict with a typed PredictResponse', async () => {
    const { status, contentType, text } = await post(predictText('I love machine learning!'), { action: `${MW}/Predict` });
    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/xml/);
    expect(text).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?><soap:Envelope xmlns:soap="http:\/\/schemas.xmlsoap.org\/soap\/envelope\/"/);
    expect(text).toMatch(/<mw:PredictResponse [^>]*><mw:model><mw:name>sentiment<\/mw:name><mw:version>1<\/mw:version><\/mw:model><mw:sentiment><mw:label>positive<\/mw:label><mw:score>[\d.e-]+<\/mw:score>/);
    expect(text).toMatch(/<mw:timing><mw:serverMs>[\d.e-]+<\/mw:serverMs><mw:inferenceMs>/);
  });

  it('answers the envelope a zeep client sends for the seed\'s predict(feature1=1.0, feature2=2.0)', async () => {
    const trained = await postJson(`${api().url}/train`, { X: [[0, 0], [1, 0], [0, 1], [2, 3]], y: [1, 3, -2, -4] });
    expect(trained.status).toBe(200);
    const body =
      '<?xml version=\'1.0\' encoding=\'utf-8\'?>\n<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/"><soap-env:Body>' +
      '<ns0:predict xmlns:ns0="http://example.com/ml"><ns0:feature1>1.0</ns0:feature1><ns0:feature2>2.0</ns0:feature2></ns0:predict>' +
      '</soap-env:Body></soap-env:Envelope>';
    const { status, text } = await post(body, { path: '/soap/ml', action: 'predict' });
    expect(status).toBe(200);
    expect(text).toMatch(/<predictResponse xmlns="http:\/\/example.com\/ml"><predictResult>-3(\.0*\d*)?<\/predictResult><\/predictResponse>/);
  });

  const billionLaughs =
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n' +
    Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">\n`).join('') +
    ']>\n' +
    envelope('<mw:Predict><mw:model>sentiment</mw:model><mw:text>&lol9;</mw:text></mw:Predict>').replace(/^<\?xml[^>]*>\n/, '');
  const xxeDoctype = '<?xml version="1.0"?>\n<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n';
  const xxe = xxeDoctype + envelope('<mw:Predict><mw:model>sentiment</mw:model><mw:text>&xxe;</mw:text></mw:Predict>').replace(/^<\?xml[^>]*>\n/, '');
  const seedXxe =
    xxeDoctype +
    envelope('<ns0:predict xmlns:ns0="http://example.com/ml"><ns0:feature1>&xxe;</ns0:feature1><ns0:feature2>2</ns0:feature2></ns0:predict>').replace(/^<\?xml[^>]*>\n/, '');
  const refusedUnparsed = /document type declaration: &lt;!DOCTYPE was refused unparsed/;

  it.each([
    ['a billion-laughs body', '/soap', billionLaughs, refusedUnparsed],
    ['an XXE body reading /etc/passwd', '/soap', xxe, refusedUnparsed],
    ['an XXE body sent to the seed service', '/soap/ml', seedXxe, refusedUnparsed],
    ['an entity reference without a DTD', '/soap', predictText('&xxe;'), /not well-formed XML/],
  ])('refuses %s with a Fault within a second, leaking nothing', async (_label, path, body, reason) => {
    const { status, contentType, text, ms } = await post(body, { path });
    expect(ms).toBeLessThan(1000);
    expect(status).toBe(500);
    expect(contentType).toMatch(/^text\/xml/);
    expect(faultOfXml(status, text)).toMatchObject({ faultcode: 'soap:Client', code: 'invalid_input', faultstring: expect.stringMatching(reason) });
    expect(text).not.toMatch(/root:|lollollol|\/bin\/(ba)?sh/);
    await expectStillServing();
  });

  it('refuses a body over the 20 MB limit with a too_large Fault', async () => {
    const big = predictText('a'.repeat(21 * 1024 * 1024));
    const { status, text } = await post(big);
    expect(faultOfXml(status, text)).toMatchObject({ httpStatus: 500, faultcode: 'soap:Client', code: 'too_large' });
    await expectStillServing();
  });

  it.each([
    ['an unknown model', predictText('x').replace('>sentiment<', '>no-such-model<'), {}, 'not_found'],
    ['empty text', predictText(''), {}, 'invalid_input'],
    ['whitespace-only text', predictText('   '), {}, 'invalid_input'],
    ['non-numeric features', envelope('<mw:Predict><mw:model>sentiment</mw:model><mw:features><mw:row><mw:value>1</mw:value><mw:value>two</mw:value></mw:row></mw:features></mw:Predict>'), {}, 'invalid_input'],
    ['a non-integer topK', envelope('<mw:Predict><mw:model>sentiment</mw:model><mw:text>hi</mw:text><mw:topK>3.5</mw:topK></mw:Predict>'), {}, 'invalid_input'],
    ['text and an image at once', envelope('<mw:Predict><mw:model>sentiment</mw:model><mw:text>hi</mw:text><mw:image>aGk=</mw:image></mw:Predict>'), {}, 'invalid_input'],
    ['Train with rows and targets of different lengths', envelope('<mw:Train><mw:model>m</mw:model><mw:rows><mw:row><mw:value>1</mw:value></mw:row></mw:rows><mw:targets><mw:value>1</mw:value><mw:value>2</mw:value></mw:targets></mw:Train>'), {}, 'invalid_input'],
    ['malformed XML', predictText('unclosed').replace('</mw:text>', ''), {}, 'invalid_input'],
    ['not XML at all', 'model=sentiment&text=hi', {}, 'invalid_input'],
    ['an envelope with an empty Body', envelope(''), {}, 'invalid_input'],
    ['an unknown operation', envelope('<mw:Explain><mw:model>sentiment</mw:model></mw:Explain>'), {}, 'not_found'],
    ['a SOAPAction that names another operation', predictText('hi'), { action: `${MW}/Train` }, 'invalid_input'],
    ['a JSON body', '{"model": "sentiment", "text": "hi"}', { contentType: 'application/json' }, 'unsupported_media'],
    ['a SOAP 1.2 content type', predictText('hi'), { contentType: 'application/soap+xml' }, 'unsupported_media'],
    ['a seed predict with a non-numeric feature', envelope('<ns0:predict xmlns:ns0="http://example.com/ml"><ns0:feature1>one</ns0:feature1><ns0:feature2>2</ns0:feature2></ns0:predict>'), { path: '/soap/ml' }, 'invalid_input'],
    ['a seed predict missing feature2', envelope('<ns0:predict xmlns:ns0="http://example.com/ml"><ns0:feature1>1</ns0:feature1></ns0:predict>'), { path: '/soap/ml' }, 'invalid_input'],
  ])('answers %s with a soap:Client Fault carrying its code, then keeps serving', async (_label, body, options, code) => {
    const { status, contentType, text } = await post(body, options);
    expect(status).toBe(500);
    expect(contentType).toMatch(/^text\/xml/);
    const fault = faultOfXml(status, text);
    expect(fault).toMatchObject({ faultcode: 'soap:Client', code });
    expect(fault.faultstring.length).toBeGreaterThan(10);
    expect(text).toContain(`<mw:error xmlns:mw="${MW}"><mw:code>${code}</mw:code><mw:message>`);
    await expectStillServing();
  });

  it('lets the playground on another origin call it: CORS preflight allows the SOAPAction header', async () => {
    const preflight = await fetch(`${api().url}/soap`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,soapaction' },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/soapaction/i);
    const fault = await fetch(`${api().url}/soap`, { method: 'POST', headers: { origin: 'http://localhost:3000', 'content-type': 'text/xml' }, body: '<a>' });
    expect(fault.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
  });

  it('leaves the other routes of the server alone (REST, and its 404 for unknown paths)', async () => {
    expect((await fetch(`${api().url}/healthz`)).status).toBe(200);
    const missing = await fetch(`${api().url}/soap/nothing-here`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: predictText('x') });
    expect(missing.status).toBe(404);
  });
});
