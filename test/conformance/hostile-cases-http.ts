import { gzipSync } from 'node:zlib';
import { envelope, SOAP_CONTENT_TYPE } from '../../lib/clients/soap-envelope';
import { blackPng } from '../support/bomb-png';
import { skipWithoutSharedImagenet } from '../support/shared-files';
import { grpcFrame } from './hostile-grpc-wire';
import { everywhere, GRPC_LANES, hostileCase, HTTP_LANES, INVALID_INPUT, on, sentimentThen, withBody, withHeaders, type Case } from './hostile-lanes';
import type { HttpSession } from './hostile-lanes-http';
import { predicting, type WireRequest } from './hostile-shape';

// What only HTTP carries (origins, content types and encodings, multipart), each protocol's own document formats
// (XML with DTDs, GraphQL documents, REST paths), and the decompression bombs.

const FOREIGN_ORIGIN = 'https://evil.example';

const sendRaw = (request: WireRequest, method?: string) => (session: HttpSession) => session.send(request, { method });

const soapBody = (xml: string): WireRequest => ({ target: '/soap', headers: { 'content-type': SOAP_CONTENT_TYPE }, body: Buffer.from(xml) });
const soapPredict = (text: string) => `<mw:Predict><mw:model>sentiment</mw:model><mw:text>${text}</mw:text></mw:Predict>`;
const withDoctype = (doctype: string, text: string) => soapBody(envelope(soapPredict(text)).replace('?>', `?>\n${doctype}`));

const lols = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
const BILLION_LAUGHS = `<!DOCTYPE lolz [<!ENTITY lol0 "lol">${lols}]>`;
const XXE = '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>';

const SOAP_12 = 'http://www.w3.org/2003/05/soap-envelope';
/** The seed deck's MLService predict (/soap/ml), its feature1 as given. */
const seedEnvelope = (feature1: string) =>
  `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ml="http://example.com/ml"><soap:Body>` +
  `<ml:predict><ml:feature1>${feature1}</ml:feature1><ml:feature2>1</ml:feature2></ml:predict></soap:Body></soap:Envelope>`;
const soapEnvelopeIn = (namespace: string) =>
  `<?xml version="1.0"?><env:Envelope xmlns:env="${namespace}" xmlns:mw="https://modelwire.dev/soap/v1"><env:Body>${soapPredict('good')}</env:Body></env:Envelope>`;

const graphql = (query: string): WireRequest => ({
  target: '/graphql',
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify({ query })),
});
const MUTATION_OVER_GET: WireRequest = {
  target: `/graphql?query=${encodeURIComponent('mutation { train(model: "x", X: [[1]], y: [1]) { r2 } }')}`,
  headers: { accept: 'application/json' },
  body: Buffer.alloc(0),
};
const aliases = Array.from({ length: 200 }, (_, i) => `a${i}: models { name }`).join(' ');
const deepQuery = `{ __schema { types { ${'fields { type { '.repeat(12)}name${' } }'.repeat(12)} } } }`;

/** 64 MiB of spaces, gzipped to about 64 KiB: after any JSON or XML body, inflated it is still a valid body, and too large. */
const GZIP_BOMB = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 });

/** A 1-bit PNG that declares 20000 × 20000 pixels: 48 KiB on the wire, 1.2 GB once decoded to RGB. */
const PNG_BOMB = blackPng(20_000, 20_000).toString('base64');

export function httpCases(): Case[] {
  return [
    hostileCase({
      name: `a request from a foreign page (Origin: ${FOREIGN_ORIGIN}) → 403 forbidden; WebSocket upgrades refused`,
      attacks: {
        ...on(HTTP_LANES, sentimentThen((request) => withHeaders(request, { origin: FOREIGN_ORIGIN }))),
        ...on(['websocket', 'mqtt'], (session) => session.upgrade(`Origin: ${FOREIGN_ORIGIN}\r\nSec-WebSocket-Protocol: mqtt\r\n`)),
      },
      expected: { code: 'forbidden', native: 'HTTP 403 problem+json' },
      differs: {
        websocket: { refused: /^upgrade refused: HTTP\/1\.1 403/, why: 'a refused upgrade is an HTTP answer; the socket never opens' },
        mqtt: { refused: /^upgrade refused: HTTP\/1\.1 403/, why: 'MQTT over WebSocket (/mqtt) is refused at the upgrade, as /ws is' },
      },
    }),
    hostileCase({
      name: 'a text/plain body → 415 unsupported_media',
      attacks: on([...HTTP_LANES, 'grpc'], sentimentThen((request) => withHeaders(request, { 'content-type': 'text/plain' }))),
      expected: { code: 'unsupported_media' },
      differs: {
        graphql: { code: 'unsupported_media', native: 'GraphQL errors (HTTP 415)', why: 'a body GraphQL cannot read is refused before any operation runs' },
        'grpc-web': { refused: /^HTTP 415\b/, why: 'Connect answers an unknown content type with a bare HTTP 415, before any method is chosen' },
        grpc: { refused: /^HTTP 415\b/, why: 'the gRPC spec answers a content type other than application/grpc with HTTP 415' },
      },
    }),
    hostileCase({
      name: 'an HTML form post (application/x-www-form-urlencoded, no CORS preflight) → 415 unsupported_media',
      attacks: on(
        HTTP_LANES,
        sentimentThen((request) => withBody(withHeaders(request, { 'content-type': 'application/x-www-form-urlencoded' }), 'query=mutation%7Bx%7D&text=good')),
      ),
      expected: { code: 'unsupported_media' },
      differs: {
        graphql: { code: 'unsupported_media', native: 'GraphQL errors (HTTP 415)', why: 'a body GraphQL cannot read is refused before any operation runs' },
        'grpc-web': { refused: /^HTTP 415\b/, why: 'Connect answers an unknown content type with a bare HTTP 415' },
      },
    }),
    hostileCase({
      name: 'multipart/form-data without a boundary → 400 invalid_input',
      attacks: on(['rest', 'graphql'], sentimentThen((request) => withBody(withHeaders(request, { 'content-type': 'multipart/form-data' }), 'hello'))),
      expected: { code: 'invalid_input', native: /HTTP 400/ },
    }),
    hostileCase({
      // Two gzip members: the request, then the bomb. Inflated, the body would be the request and 64 MiB of whitespace.
      name: 'a gzip Content-Encoding bomb (64 MiB in 64 KiB) → refused as sent (invalid_input), never inflated',
      attacks: on(
        HTTP_LANES,
        sentimentThen((request) => withBody(withHeaders(request, { 'content-encoding': 'gzip' }), Buffer.concat([gzipSync(request.body), GZIP_BOMB]))),
      ),
      expected: { code: 'invalid_input' },
    }),
    hostileCase({
      name: 'a grpc-encoding gzip bomb (64 MiB in one compressed message) → too_large, inflated no further than the limit',
      attacks: on(
        GRPC_LANES,
        sentimentThen((request) => ({ ...withHeaders(request, { 'grpc-encoding': 'gzip' }), body: grpcFrame(GZIP_BOMB, { flag: 1 }), framed: true })),
      ),
      expected: { code: 'too_large' },
    }),
    hostileCase({
      name: 'an image declaring 20000 × 20000 pixels → too_large, refused before decoding',
      attacks: everywhere(predicting('mobilenetv2', { image: PNG_BOMB })),
      expected: { code: 'too_large' },
      skip: skipWithoutSharedImagenet,
    }),
    hostileCase({
      name: 'SOAP: an external entity (XXE) → invalid_input, the DTD refused unparsed',
      attacks: { soap: sendRaw(withDoctype(XXE, '&xxe;')) },
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'SOAP: a billion laughs → invalid_input, the DTD refused unparsed',
      attacks: { soap: sendRaw(withDoctype(BILLION_LAUGHS, '&lol9;')) },
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: "SOAP: a billion laughs at the seed deck's service (/soap/ml), the other XML path → invalid_input",
      attacks: {
        soap: sendRaw({ ...soapBody(`<?xml version="1.0"?>${BILLION_LAUGHS}${seedEnvelope('&lol9;')}`), target: '/soap/ml' }),
      },
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'SOAP: an envelope in a wrong namespace → a SOAP 1.1 Client fault',
      attacks: { soap: sendRaw(soapBody(soapEnvelopeIn('https://example.com/not-soap'))) },
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'SOAP: a SOAP 1.2 envelope sent as text/xml → a SOAP 1.1 Client fault',
      attacks: { soap: sendRaw(soapBody(soapEnvelopeIn(SOAP_12))) },
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'SOAP: a SOAP 1.2 request (application/soap+xml) → a SOAP 1.1 fault, unsupported_media',
      attacks: { soap: sendRaw(withHeaders(soapBody(soapEnvelopeIn(SOAP_12)), { 'content-type': 'application/soap+xml; charset=utf-8' })) },
      expected: { code: 'unsupported_media' },
    }),
    hostileCase({
      name: 'SOAP: an operation the service does not have → not_found',
      attacks: { soap: sendRaw(soapBody(envelope('<mw:Explode/>'))) },
      expected: { code: 'not_found' },
    }),
    hostileCase({
      name: 'SOAP: two operations in one Body → invalid_input',
      attacks: { soap: sendRaw(soapBody(envelope(soapPredict('good') + soapPredict('bad')))) },
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'GraphQL: a field the schema does not have → invalid_input',
      attacks: { graphql: sendRaw(graphql('{ models { name password } }')) },
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'GraphQL: a query 27 levels deep → invalid_input (graphql-armor)',
      attacks: { graphql: sendRaw(graphql(deepQuery)) },
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'GraphQL: 200 aliases of one field → invalid_input (graphql-armor)',
      attacks: { graphql: sendRaw(graphql(`{ ${aliases} }`)) },
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'GraphQL: a mutation over GET (a link or an <img> could send it) → refused, 405',
      attacks: { graphql: sendRaw(MUTATION_OVER_GET, 'GET') },
      expected: { code: 'invalid_input', native: 'GraphQL errors (HTTP 405)' },
    }),
    hostileCase({
      name: 'REST: "../" segments in the path → invalid_input, no file read',
      attacks: { rest: sentimentThen((request) => ({ ...request, target: '/v1/models/../../../etc/passwd/predict' })) },
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'REST: a property the schema does not have → invalid_input',
      attacks: { rest: predicting('sentiment', { text: 'good', admin: true }) },
      expected: INVALID_INPUT,
    }),
    hostileCase({
      name: 'REST: a JSON array as the body → invalid_input',
      attacks: { rest: sentimentThen((request) => withBody(request, '[{"text":"good"}]')) },
      expected: INVALID_INPUT,
    }),
  ];
}
