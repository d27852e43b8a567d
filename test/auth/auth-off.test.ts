import { describe, expect, it } from 'vitest';
import { postJson } from '../support/start-api';
import { useApi } from '../support/use-api';
import { TestSocket, wsUrlOf } from '../websocket-client';
import { PASSWORD } from './auth-fixture';

// AUTH=off (the default on loopback): every call works without a token, as every other suite shows; a token is ignored.

const api = useApi();

describe('AUTH=off', () => {
  it('answers POST /v1/auth/token with 404 not_found, saying that no token is needed', async () => {
    const { status, contentType, json } = await postJson(`${api().url}/v1/auth/token`, { username: 'anyone', password: PASSWORD });
    expect(status).toBe(404);
    expect(contentType).toContain('application/problem+json');
    expect(json).toMatchObject({ code: 'not_found', detail: expect.stringContaining('AUTH=off') });
  });

  it('ignores whatever token a client sends', async () => {
    const response = await fetch(`${api().url}/v1/models/sentiment/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-token' },
      body: JSON.stringify({ text: 'fine' }),
    });
    expect(response.status).toBe(200);
  });

  it('answers a WebSocket auth message as the anonymous caller with every scope', async () => {
    const socket = await TestSocket.open(wsUrlOf(api().url));
    expect(await socket.request({ id: 1, type: 'auth', token: 'anything' })).toEqual({ id: 1, type: 'authenticated', user: 'anonymous', scopes: ['predict', 'train', 'admin'] });
    await socket.close();
  });
});
