import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { skipWithoutMosquitto, useMosquitto } from './mqtt-support/mosquitto';
import { collect, connectClient, ownReplyTopic, requestJson, requestV5, useMqttClient } from './mqtt-support/mqtt-requests';
import { useApi } from './support/use-api';

// Behind an external broker its own users and ACL are the only protection: the mosquitto ACL that
// docs/protocols/mqtt.md gives, taken from the page itself, does keep each client to its own answers.

const PREDICT = 'modelwire/v1/models/sentiment/predict';
const USERS = { modelwire: 'service-password', alice: 'alice-password', bob: 'bob-password' };

function documentedAcl(): string {
  const page = readFileSync(new URL('../docs/protocols/mqtt.md', import.meta.url), 'utf8');
  const block = /```conf\n(# \/etc\/mosquitto\/acl[^]*?)```/.exec(page);
  if (!block) throw new Error('docs/protocols/mqtt.md has no "# /etc/mosquitto/acl" block');
  return block[1]!;
}

describe.skipIf(skipWithoutMosquitto())('an external mosquitto with the documented password_file and acl_file', () => {
  const broker = useMosquitto({ users: USERS, acl: documentedAcl() });
  const brokerUrl = (user: keyof typeof USERS) => broker().url.replace('mqtt://', `mqtt://${user}:${USERS[user]}@`);
  useApi(() => ({ mqttUrl: brokerUrl('modelwire') }));
  const alice = useMqttClient(() => brokerUrl('alice'));
  const bob = useMqttClient(() => brokerUrl('bob'), 5);

  it('refuses clients without a password, and serves users on their own reply topics (3.1.1 and 5)', async () => {
    await expect(connectClient(broker().url)).rejects.toThrow(/not authorized|bad user name/i);
    expect((await requestJson(alice(), PREDICT, { text: 'I love it' })).json.output.label).toBe('positive');
    expect((await requestV5(bob(), PREDICT, { text: 'I hate it' })).json.output.label).toBe('negative');
  });

  it('delivers nothing of another client to a # subscriber, and no fake reply', async () => {
    const overheard: string[] = [];
    alice().on('message', (topic) => overheard.push(topic));
    await alice().subscribeAsync(['#', ownReplyTopic(bob(), '#')], { qos: 1 }); // granted, then filtered at delivery
    const bobReplies = await collect(bob(), ownReplyTopic(bob(), 'fake'));
    await requestV5(bob(), PREDICT, { text: 'A private thought' });
    await alice().publishAsync(ownReplyTopic(bob(), 'fake'), JSON.stringify({ output: 'forged' }), { qos: 1 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(overheard).toEqual([]);
    expect(bobReplies.messages).toEqual([]);
  });
});
