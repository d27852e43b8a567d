import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startApi, type RunningApi } from './support/start-api';

// Only the web app's origin (WEB_PORT on this host), the API's own pages and ALLOWED_ORIGINS may drive the server
// from a browser; a page on any other site is refused before any work, on every route and every WebSocket upgrade.

const WEB_APP = 'http://127.0.0.1:3999';
const EXTRA = 'https://playground.example.org';
const FOREIGN = 'https://attacker.example';

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
