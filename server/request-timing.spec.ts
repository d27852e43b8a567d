import cors from '@fastify/cors';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { stampArrivalTime } from './request-timing';

const WEB_APP = 'http://127.0.0.1:3000';

async function appAllowing(origin: string) {
  const app = Fastify();
  stampArrivalTime(app);
  await app.register(cors, { origin: (requestOrigin, callback) => callback(null, requestOrigin === origin) });
  app.get('/', async (request) => ({ receivedAt: request.receivedAt }));
  return app;
}

describe('stampArrivalTime', () => {
  it('stamps when the request arrived', async () => {
    const app = await appAllowing(WEB_APP);
    const before = performance.now();
    expect((await app.inject('/')).json().receivedAt).toBeGreaterThanOrEqual(before);
  });

  it('lets the origin CORS allowed, and only that one, read the timing of the response (Timing-Allow-Origin)', async () => {
    const app = await appAllowing(WEB_APP);
    const allowed = await app.inject({ url: '/', headers: { origin: WEB_APP } });
    expect(allowed.headers['timing-allow-origin']).toBe(WEB_APP);
    const other = await app.inject({ url: '/', headers: { origin: 'http://elsewhere.example' } });
    expect(other.headers['timing-allow-origin']).toBeUndefined();
    expect((await app.inject('/')).headers['timing-allow-origin']).toBeUndefined();
  });
});
