import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { connectTokenOf, selectSubprotocol } from './connect-credential';

const upgrade = (query: Record<string, string>, headers: Record<string, string>) => ({ query, headers }) as unknown as FastifyRequest;

describe('the credential of a WebSocket upgrade', () => {
  it('selects bearer when offered, never the token beside it; otherwise the first offered, as ws does', () => {
    expect(selectSubprotocol(new Set(['bearer', 'eyJ.x.y']))).toBe('bearer');
    expect(selectSubprotocol(new Set(['eyJ.x.y', 'bearer']))).toBe('bearer');
    expect(selectSubprotocol(new Set(['graphql-transport-ws']))).toBe('graphql-transport-ws');
    expect(selectSubprotocol(new Set(['mqtt', 'mqttv3.1']))).toBe('mqtt');
    expect(selectSubprotocol(new Set())).toBe(false);
  });

  it('takes the token from the query, else beside the bearer subprotocol, else the Authorization header', () => {
    expect(connectTokenOf(upgrade({ access_token: 'q' }, { 'sec-websocket-protocol': 'bearer, s', authorization: 'Bearer h' }))).toBe('q');
    expect(connectTokenOf(upgrade({}, { 'sec-websocket-protocol': 'bearer, s', authorization: 'Bearer h' }))).toBe('s');
    expect(connectTokenOf(upgrade({}, { 'sec-websocket-protocol': 'other', authorization: 'Bearer h' }))).toBe('h');
    expect(connectTokenOf(upgrade({ access_token: '' }, {}))).toBeUndefined();
  });
});
