import { SignJWT } from 'jose';
import type { MqttClient } from 'mqtt';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUserStore } from '../server/core/auth/user-store';
import { connectClient, publishOutcome, requestJson } from './mqtt-support/mqtt-requests';
import { useApi } from './support/use-api';
import { EXACT_X as X, EXACT_Y as y } from './support/linear-fixture';

// AUTH=required on the embedded broker: the CONNECT password is an access token from POST /v1/auth/token (the user
// name is free), checked when the client connects; each publish is checked against the token's scopes.

const JWT_SECRET = 'mqtt-auth-test-secret-of-enough-length';
const PREDICT = 'modelwire/v1/models/sentiment/predict';
const TRAIN = 'modelwire/v1/models/mqttauth/train';

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A token signed with the server's own secret, for claims POST /v1/auth/token would never issue (already expired...). */
const signedToken = (expiresAt: number, scope = 'predict') =>
  new SignJWT({ scope }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setSubject('reader').setIssuer('modelwire')
    .setIssuedAt(expiresAt - 60).setExpirationTime(expiresAt).sign(new TextEncoder().encode(JWT_SECRET));

describe('MQTT authentication and scopes on the embedded broker (AUTH=required)', () => {
  const api = useApi({ env: { AUTH: 'required', JWT_SECRET } });
  let readerToken: string;
  let trainerToken: string;

  beforeAll(async () => {
    const users = createUserStore(api().dataDir);
    await users.put('reader', 'reader-password', ['predict']);
    await users.put('trainer', 'trainer-password', ['predict', 'train']);
    readerToken = (await api().server.core.issueToken('reader', 'reader-password')).access_token;
    trainerToken = (await api().server.core.issueToken('trainer', 'trainer-password')).access_token;
  });

  const connectWith = (password: string | undefined, url = api().mqttUrl): Promise<MqttClient> =>
    connectClient(url, 4, password === undefined ? {} : { username: 'someone', password });

  it('refuses a CONNECT without a token with return code 5 (not authorized)', async () => {
    await expect(connectWith(undefined)).rejects.toMatchObject({ code: 5 });
  });

  it('refuses a wrong password, an expired token and an alg "none" token with return code 4 (bad user name or password)', async () => {
    await expect(connectWith('reader-password')).rejects.toMatchObject({ code: 4 });
    await expect(connectWith(`${readerToken.slice(0, -4)}AAAA`)).rejects.toMatchObject({ code: 4 });
    await expect(connectWith(await signedToken(nowSeconds() - 10))).rejects.toMatchObject({ code: 4 });
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: 'reader', iss: 'modelwire', scope: 'predict train', exp: nowSeconds() + 600 })}.`;
    await expect(connectWith(unsigned)).rejects.toMatchObject({ code: 4 });
    await expect(connectWith(readerToken, api().mqttWsUrl)).resolves.toBeDefined();
  });

  it('serves a good token over TCP and WebSocket: list, describe and predict for a predict-scoped user', async () => {
    for (const url of [api().mqttUrl, api().mqttWsUrl!]) {
      const reader = await connectWith(readerToken, url);
      expect((await requestJson(reader, 'modelwire/v1/models/list', {})).json.models.length).toBeGreaterThan(0);
      expect((await requestJson(reader, 'modelwire/v1/models/sentiment/describe', {})).json.name).toBe('sentiment');
      expect((await requestJson(reader, PREDICT, { text: 'I really love this phone' })).json.output.label).toBe('positive');
      await reader.endAsync();
    }
  });

  it('refuses a publish the token has no scope for natively: the broker closes the connection without a PUBACK', async () => {
    const reader = await connectWith(readerToken);
    expect(await publishOutcome(reader, TRAIN, JSON.stringify({ X, y, replyTo: `modelwire/v1/replies/${reader.options.clientId}` }))).toBe('connection closed');
    const trainer = await connectWith(trainerToken);
    expect((await requestJson(trainer, TRAIN, { X, y })).json.model).toEqual({ name: 'mqttauth', version: 1 });
    await trainer.endAsync();
  });

  it('refuses every scoped publish once the token has expired, on a connection made while it was valid', async () => {
    const client = await connectWith(await signedToken(nowSeconds() + 2));
    expect((await requestJson(client, PREDICT, { text: 'Still valid.' })).json.output.kind).toBe('sentiment');
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await publishOutcome(client, PREDICT, JSON.stringify({ text: 'Too late.' }))).toBe('connection closed');
  });

  it('lets no other user take over a connected client id (CONNACK 2), while its own user reconnects', async () => {
    const reader = await connectWith(readerToken);
    const clientId = reader.options.clientId!;
    await expect(connectClient(api().mqttUrl, 4, { clientId, username: 'trainer', password: trainerToken })).rejects.toMatchObject({ code: 2 });
    expect((await requestJson(reader, PREDICT, { text: 'Still mine.' })).json.output.kind).toBe('sentiment');
    const again = await connectClient(api().mqttUrl, 4, { clientId, username: 'reader', password: readerToken });
    expect((await requestJson(again, PREDICT, { text: 'Back again.' })).json.output.kind).toBe('sentiment');
    await again.endAsync();
    reader.end(true);
  });
});
