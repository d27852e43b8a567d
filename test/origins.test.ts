import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startApi, type RunningApi } from './support/start-api';

// Only the web app's origin (WEB_PORT on this host), the API's own pages and ALLOWED_ORIGINS may drive the server
// from a browser; a page on any other site is refused before any work, on every route and every WebSocket upgrade.

const WEB_APP = 'http://127.0.0.1:3999';
const EXTRA = 'https://playground.example.org';
const FOREIGN = 'https://attacker.example';
const SOAP_NS = 'https://modelwire.dev/soap/v1';

/** Resolves with the HTTP status of a refused upgrade, or 101 once the socket opens. */
function upgradeStatus(url: string, origin: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, url.endsWith('/graphql') ? 'graphql-transport-ws' : url.endsWith('/mqtt') ? 'mqtt' : [], { origin });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', (error) => reject(error));
  });
}

describe('origin checks', () => {
  let api: RunningApi;
  const train = (origin?: string, contentType = 'application/json', body = JSON.stringify({ X: [[1], [2]], y: [1, 2] })) =>
    fetch(`${api.url}/v1/models/origins/train`, { method: 'POST', headers: { 'content-type': contentType, ...(origin ? { origin } : {}) }, body });

  beforeAll(async () => {
    api = await startApi({ env: { WEB_PORT: '3999', ALLOWED_ORIGINS: `${EXTRA}, ` } });
  });
  afterAll(() => api.close({ removeData: true }));

  it('refuses a request from a foreign page with 403 forbidden problem+json, and trains nothing', async () => {
    const response = await train(FOREIGN);
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await response.json()).toMatchObject({ code: 'forbidden', origin: FOREIGN });
    expect((await fetch(`${api.url}/v1/models/origins`)).status).toBe(404);
  });

  it('allows the web app, ALLOWED_ORIGINS, the API\'s own pages and clients that send no Origin', async () => {
    for (const origin of [WEB_APP, 'http://localhost:3999', EXTRA, api.url, undefined]) {
      const response = await train(origin);
      expect(response.status, `origin ${origin}`).toBe(200);
      if (origin && origin !== api.url) expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    }
  });

  it('shows the web app the Server-Timing of a prediction on every HTTP lane, with the answer\'s own server time', async () => {
    const post = (path: string, contentType: string, body: string, extra: Record<string, string> = {}) =>
      fetch(`${api.url}${path}`, { method: 'POST', headers: { origin: WEB_APP, 'content-type': contentType, ...extra }, body });
    const soapEnvelope = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:mw="${SOAP_NS}"><soapenv:Body>` +
      '<mw:Predict><mw:model>sentiment</mw:model><mw:text>good</mw:text></mw:Predict></soapenv:Body></soapenv:Envelope>';
    const lanes: Array<[string, Promise<Response>, (response: Response) => Promise<number | undefined>]> = [
      ['REST', post('/v1/models/sentiment/predict', 'application/json', '{"text":"good"}'), async (r) => (await r.json()).timing.serverMs],
      ['GraphQL', post('/graphql', 'application/json', JSON.stringify({ query: 'mutation { predict(model: "sentiment", input: {text: "good"}) { timing { serverMs } } }' })), async (r) => (await r.json()).data.predict.timing.serverMs],
      ['SOAP', post('/soap', 'text/xml; charset=utf-8', soapEnvelope, { soapaction: `"${SOAP_NS}/Predict"` }), async (r) => Number(/<mw:serverMs>([^<]+)</.exec(await r.text())?.[1])],
      ['Connect', post('/modelwire.v1.InferenceService/Predict', 'application/json', '{"model":"sentiment","text":"good"}', { 'connect-protocol-version': '1' }), async (r) => (await r.json()).timing.serverMs],
      ['OIP', post('/v2/models/sentiment/infer', 'application/json', '{"inputs":[{"name":"text","datatype":"BYTES","shape":[1],"data":["good"]}]}'), async () => undefined],
    ];
    for (const [lane, sent, serverMsOf] of lanes) {
      const response = await sent;
      expect(response.status, lane).toBe(200);
      expect(response.headers.get('timing-allow-origin'), lane).toBe(WEB_APP);
      expect(response.headers.get('access-control-expose-headers')?.split(/,\s*/), lane).toContain('server-timing');
      const total = /^total;dur=(\d+\.\d{3});desc="arrival to result", preprocess;dur=\d+\.\d{3}, inference;dur=\d+\.\d{3}$/.exec(response.headers.get('server-timing') ?? '');
      expect(total, `${lane}: ${response.headers.get('server-timing')}`).not.toBeNull();
      const serverMs = await serverMsOf(response);
      if (serverMs !== undefined) expect(Number(total![1]), lane).toBeCloseTo(serverMs, 2);
    }
  });

  it('answers a CORS preflight only for allowed origins', async () => {
    const preflight = (origin: string) =>
      fetch(`${api.url}/v1/models/sentiment/predict`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    expect((await preflight(WEB_APP)).headers.get('access-control-allow-origin')).toBe(WEB_APP);
    expect((await preflight(FOREIGN)).status).toBe(403);
  });

  it('GraphQL refuses a form-encoded mutation (what an HTML form on any site can send) with 415', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query: 'mutation { train(model: "formed", X: [[1],[2]], y: [1, 2]) { r2 } }' }),
    });
    expect(response.status).toBe(415);
    expect((await fetch(`${api.url}/v1/models/formed`)).status).toBe(404);
  });

  it('refuses WebSocket upgrades from a foreign page on /ws, /graphql and /mqtt, and accepts the web app', async () => {
    const base = api.url.replace(/^http/, 'ws');
    for (const path of ['/ws', '/graphql', '/mqtt']) {
      expect(await upgradeStatus(`${base}${path}`, FOREIGN), path).toBe(403);
      expect(await upgradeStatus(`${base}${path}`, WEB_APP), path).toBe(101);
    }
  });
});
