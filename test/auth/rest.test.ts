import { describe, expect, it } from 'vitest';
import { EXACT_X as X, EXACT_Y as y } from '../support/linear-fixture';
import { postJson } from '../support/start-api';
import { bearer, PASSWORD, REFUSED_TOKENS, useAuthApi } from './auth-fixture';

// REST with AUTH=required, through fetch: POST /v1/auth/token, then Authorization: Bearer on every call that predicts or trains.

const { api, tokens } = useAuthApi();

function post(path: string, body: unknown, token?: string) {
  return fetch(`${api().url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(token) }, body: JSON.stringify(body) });
}

async function expectProblem(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(await response.json()).toMatchObject({ status, code });
}

const PROTECTED_ROUTES: ReadonlyArray<readonly [path: string, body: unknown]> = [
  ['/v1/models/sentiment/predict', { text: 'lovely' }],
  ['/v1/models/default/train', { X, y }],
  ['/predict', { X: [[1, 2]] }],
  ['/train', { X, y }],
  ['/classify', {}],
];

describe('POST /v1/auth/token', () => {
  it('answers a good user name and password with a bearer token that is never cached', async () => {
    const response = await post('/v1/auth/token', { username: 'predictor', password: PASSWORD });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/), token_type: 'Bearer', expires_in: 60 });
  });

  it.each([
    ['a wrong password', { username: 'predictor', password: 'not the password' }],
    ['an unknown user', { username: 'nobody', password: PASSWORD }],
  ])('refuses %s with 401 unauthenticated and a Bearer challenge', async (_label, body) => {
    const response = await post('/v1/auth/token', body);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="modelwire"');
    await expectProblem(response, 401, 'unauthenticated');
  });

  it('refuses a malformed body with 400 invalid_input', async () => {
    await expectProblem(await post('/v1/auth/token', { username: 'predictor' }), 400, 'invalid_input');
    const notJson = await fetch(`${api().url}/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":' });
    await expectProblem(notJson, 400, 'invalid_input');
  });

  it('is in the OpenAPI document, with the bearer scheme on the routes that need it', async () => {
    const openapi = await (await fetch(`${api().url}/openapi.json`)).json();
    expect(openapi.paths['/v1/auth/token'].post.responses).toHaveProperty('401');
    expect(openapi.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(openapi.paths['/v1/models/{name}/predict'].post.security).toEqual([{ bearerAuth: [] }]);
    expect(openapi.paths['/v1/models'].get.security).toBeUndefined();
  });
});

describe('REST calls with AUTH=required', () => {
  it('keeps health, model lists, OpenAPI and Swagger UI public', async () => {
    for (const path of ['/healthz', '/v1/models', '/v1/models/sentiment', '/openapi.json', '/docs']) {
      expect((await fetch(`${api().url}${path}`)).status, path).toBe(200);
    }
  });

  for (const [label, token] of REFUSED_TOKENS) {
    it.each(PROTECTED_ROUTES)(`refuses ${label} on POST %s with 401 and WWW-Authenticate`, async (path, body) => {
      const response = await post(path, body, token);
      const challenge = response.headers.get('www-authenticate');
      if (token === undefined) expect(challenge).toBe('Bearer realm="modelwire"');
      else expect(challenge).toMatch(/^Bearer realm="modelwire", error="invalid_token", error_description=".+"$/);
      await expectProblem(response, 401, 'unauthenticated');
    });
  }

  it('checks the token before the body: an unauthenticated bad request is 401, not 400', async () => {
    await expectProblem(await post('/v1/models/sentiment/predict', { text: 1, image: 2 }), 401, 'unauthenticated');
  });

  it.each([
    ['/v1/models/default/train', { X, y }],
    ['/train', { X, y }],
  ])('refuses a predictor training on %s with 403 forbidden, naming the scope', async (path, body) => {
    const response = await post(path, body, tokens().predictor);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="modelwire", error="insufficient_scope", scope="train"');
    await expectProblem(response, 403, 'forbidden');
  });

  it('answers good tokens: a trainer trains, a predictor predicts (seed routes included)', async () => {
    const trained = await post('/v1/models/default/train', { X, y }, tokens().trainer);
    expect(trained.status).toBe(200);
    expect((await post('/train', { X, y }, tokens().trainer)).status).toBe(200);
    const predicted = await post('/v1/models/sentiment/predict', { text: 'What a wonderful day' }, tokens().predictor);
    expect(predicted.status).toBe(200);
    expect((await predicted.json()).output.label).toBe('positive');
    const seed = await post('/predict', { X: [[1, 2]] }, tokens().predictor);
    expect((await seed.json()).predictions[0]).toBeCloseTo(-3, 4);
    const classify = await post('/classify', {}, tokens().predictor);
    await expectProblem(classify, 400, 'invalid_input'); // authenticated: now the missing image is the problem
  });

  it('takes the scheme name in any case, as RFC 7235 says', async () => {
    const response = await fetch(`${api().url}/v1/models/sentiment/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `bearer ${tokens().predictor}` },
      body: JSON.stringify({ text: 'fine' }),
    });
    expect(response.status).toBe(200);
    expect((await postJson(`${api().url}/v1/models/sentiment/predict`, { text: 'fine' })).status).toBe(401);
  });
});
