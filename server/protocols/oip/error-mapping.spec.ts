import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../lib/contract';
import { ModelWireError } from '../../../lib/model-wire-error';
import { sendOipError } from './error-mapping';

async function answerTo(code: ErrorCode, headers: Record<string, string> = {}) {
  const app = Fastify();
  app.get('/', (_request, reply) => sendOipError(reply, new ModelWireError(code, `a ${code} error`)));
  const response = await app.inject({ url: '/', headers });
  await app.close();
  return { status: response.statusCode, body: response.json(), challenge: response.headers['www-authenticate'] };
}

describe('OIP REST errors', () => {
  it('are {"error"} with the contract code, under the HTTP status of that code', async () => {
    expect(await answerTo('not_found')).toEqual({ status: 404, body: { error: 'a not_found error', code: 'not_found' }, challenge: undefined });
    expect((await answerTo('invalid_input')).status).toBe(400);
    expect((await answerTo('not_installed')).status).toBe(503);
    expect((await answerTo('internal')).status).toBe(500);
  });

  it('carry a Bearer challenge on a 401', async () => {
    const refused = await answerTo('unauthenticated', { authorization: 'Bearer forged' });
    expect(refused.status).toBe(401);
    expect(refused.challenge).toMatch(/^Bearer realm="modelwire", error="invalid_token"/);
  });
});
