import { describe, expect, it } from 'vitest';
import { accessHintOf } from './access-hint';
import { authorizationHeader, shortToken, shownHeaders } from './authorization-header';
import { createCredentialStore } from './credentials';
import { createGraphqlClient } from './graphql-client';
import { createGrpcClient } from './grpc-client';
import { createMqttClient } from './mqtt-client';
import type { ProtocolClient } from './protocol-client';
import { createRestClient } from './rest-client';
import { createSoapClient } from './soap-client';
import { createWebSocketClient } from './websocket-client';

// Where each client puts the token, seen in what it produces without a server: the copy-as commands (which name the
// shell's $TOKEN, never the token) and the headers the wire view shows. The calls themselves: test/clients-auth.test.ts.

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';
const BASE = 'http://127.0.0.1:8080';
const TEXT = { kind: 'text', text: 'Lovely' } as const;
const IMAGE = { kind: 'image', image: new Uint8Array([1, 2, 3]) } as const;

function signedIn() {
  const credentials = createCredentialStore();
  credentials.set({ token: TOKEN, username: 'ada', expiresAt: Date.now() + 60_000 });
  return credentials;
}

const clientsWith = (credentials = signedIn()): Record<string, ProtocolClient> => ({
  rest: createRestClient(BASE, { credentials }),
  graphql: createGraphqlClient(BASE, { credentials }),
  soap: createSoapClient(BASE, { credentials }),
  grpc: createGrpcClient(BASE, { credentials }),
  websocket: createWebSocketClient(BASE, { credentials }),
  mqtt: createMqttClient(BASE, { credentials }),
});

/** The part of each protocol's copy-as that carries the credential. */
const EXPECTED: Record<string, string> = {
  rest: ' -H "Authorization: Bearer $TOKEN"',
  graphql: ' -H "Authorization: Bearer $TOKEN"',
  soap: ' -H "Authorization: Bearer $TOKEN"',
  grpc: 'grpcurl -plaintext -H "Authorization: Bearer $TOKEN"',
  websocket: '"ws://127.0.0.1:8080/ws?access_token=$TOKEN"',
  mqtt: "-u 'ada' -P \"$TOKEN\"",
};

describe('copy-as with a signed-in credential', () => {
  const clients = clientsWith();

  it.each(Object.keys(EXPECTED))('%s names $TOKEN where the protocol carries the token, and never the token itself', (protocol) => {
    const command = clients[protocol]!.copyAs('sentiment', TEXT);
    expect(command).toContain(EXPECTED[protocol]);
    expect(command).not.toContain(TOKEN);
  });

  it.each(Object.keys(EXPECTED))('%s does the same for an image', (protocol) => {
    const command = clients[protocol]!.copyAs('mobilenetv2', IMAGE);
    expect(command).toMatch(/\$TOKEN|process\.env\.TOKEN/);
    expect(command).not.toContain(TOKEN);
  });

  it('gives the Node script of a WebSocket image the token through the environment', () => {
    const command = clients.websocket!.copyAs('mobilenetv2', IMAGE);
    expect(command).toContain(`TOKEN="$TOKEN" node --input-type=module <<'EOF'`);
    expect(command).toContain(`new WebSocket("ws://127.0.0.1:8080/ws?access_token=" + encodeURIComponent(process.env.TOKEN))`);
  });

  it('leaves the credential out when signed out', () => {
    const signedOut = clientsWith(createCredentialStore());
    for (const client of Object.values(signedOut)) {
      expect(client.copyAs('sentiment', TEXT)).not.toMatch(/TOKEN|Authorization|access_token| -P /);
    }
  });
});

describe('the HTTP authorization header', () => {
  it('is Bearer <token> when signed in, absent when signed out', () => {
    expect(authorizationHeader(signedIn())).toEqual([['authorization', `Bearer ${TOKEN}`]]);
    expect(authorizationHeader(createCredentialStore())).toEqual([]);
  });

  it('shows in the wire view with the token shortened, other headers untouched', () => {
    expect(shortToken(TOKEN)).toBe('eyJhbGci…tlbg');
    expect(shownHeaders([['content-type', 'application/json'], ['Authorization', `Bearer ${TOKEN}`]])).toEqual([
      ['content-type', 'application/json'],
      ['Authorization', 'Bearer eyJhbGci…tlbg'],
    ]);
    expect(shownHeaders([['authorization', 'Bearer short']])).toEqual([['authorization', 'Bearer …']]);
  });
});

describe('refusals in words', () => {
  it('asks to sign in for unauthenticated, names the missing scope for forbidden', () => {
    expect(accessHintOf({ code: 'unauthenticated', message: 'An access token is required', native: 'HTTP 401 Unauthorized' })).toBe('Sign in to use this protocol.');
    expect(accessHintOf({ code: 'forbidden', message: 'no', native: 'HTTP 403 Forbidden', details: { scope: 'train' } })).toBe('Your account lacks the train scope.');
    expect(accessHintOf({ code: 'forbidden', message: '"ada" lacks the "train" scope for this call.', native: 'PERMISSION_DENIED (7)' })).toBe('Your account lacks the train scope.');
    expect(accessHintOf({ code: 'forbidden', message: 'Cross-site request refused.', native: 'HTTP 403 Forbidden' })).toBeUndefined();
    expect(accessHintOf({ code: 'invalid_input', message: 'bad', native: 'HTTP 400 Bad Request' })).toBeUndefined();
  });
});
