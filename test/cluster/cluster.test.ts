import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMqttClient } from '../../lib/clients/mqtt-client';
import { createRestClient } from '../../lib/clients/rest-client';
import type { ClusterFront } from '../../scripts/cluster/cluster';
import { valueOf } from '../support/outcomes';
import { browserClientCaller, protocolCallers, type ProtocolCaller } from '../support/protocol-callers';
import { countsByProtocol, failuresOf, sleep, underTraffic, uniqueText, type TrafficCall } from './traffic';
import { skipWithoutClusterPackages, useCluster } from './use-cluster';

// Two replicas behind haproxy, sharing Redis and mosquitto, called through the front by a real client per protocol.

const CALLS_PER_PROTOCOL = 8;
const REPLY_TIMEOUT_MS = 10_000;

/**
 * One caller per protocol at the front. MQTT goes to mosquitto over TCP: the replicas serve MQTT over WebSocket only
 * with their embedded broker, and Debian's mosquitto has no WebSocket listener.
 */
function frontCallers(front: ClusterFront): ProtocolCaller[] {
  const mqtt = browserClientCaller('mqtt', createMqttClient(front.url, { url: front.mqttUrl, timeoutMs: REPLY_TIMEOUT_MS }));
  return [...protocolCallers(front).filter((caller) => caller.label !== 'mqtt'), mqtt];
}

/** The number of predictions a replica has run (its Prometheus counter), to see which replicas served. */
async function predictionsRunBy(url: string): Promise<number> {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  return metrics
    .split('\n')
    .filter((line) => line.startsWith('nv_inference_request_success{'))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

describe.skipIf(skipWithoutClusterPackages())('npm run cluster: two replicas behind haproxy', () => {
  const cluster = useCluster(2);
  let callers: ProtocolCaller[] = [];
  beforeAll(() => {
    callers = frontCallers(cluster().front);
  });
  afterAll(() => callers.forEach((caller) => caller.close()));

  it('answers REST, GraphQL, SOAP, gRPC, WebSocket and MQTT through the front, from both replicas', async () => {
    const before = await Promise.all(cluster().replicas.map((replica) => predictionsRunBy(replica.url)));
    const results = await Promise.all(
      callers.map(async (caller) => {
        const answers: string[] = [];
        for (let i = 0; i < CALLS_PER_PROTOCOL; i++) answers.push(await caller.predict('sentiment', { kind: 'text', text: uniqueText(caller.label) }));
        return [caller.label, answers] as const;
      }),
    );
    for (const [label, answers] of results) expect({ label, answers }).toEqual({ label, answers: Array(CALLS_PER_PROTOCOL).fill('ok') });
    const after = await Promise.all(cluster().replicas.map((replica) => predictionsRunBy(replica.url)));
    const served = after.map((count, i) => count - before[i]!);
    expect(served.reduce((sum, count) => sum + count)).toBe(callers.length * CALLS_PER_PROTOCOL);
    for (const count of served) expect(count).toBeGreaterThan(0);
  });

  it('answers on replica B from the shared cache what replica A computed', async () => {
    const [a, b] = cluster().replicas.map((replica) => createRestClient(replica.url));
    const input = { kind: 'text' as const, text: uniqueText('cached') };
    expect(valueOf(await a!.predict('sentiment', input)).cached).toBe(false);
    expect(valueOf(await b!.predict('sentiment', input)).cached).toBe(true);
  });

  it('loses no call while a replica stops gracefully (SIGTERM), then takes it back', async () => {
    const calls = await underTraffic(callers, async () => {
      await sleep(1000);
      await cluster().replicas[0]!.signal('SIGTERM');
      await sleep(1500);
    });
    await cluster().restartReplica(0);
    for (const caller of callers) expect(countsByProtocol(calls)[caller.label]).toBeGreaterThan(1);
    console.info('calls during the SIGTERM run:', countsByProtocol(calls));
    // A WebSocket lives on one replica: a call sent in the moment that replica closes the socket (1001, after answering
    // every call it had) was never run, and the client sends it again on a new socket, to the other replica.
    expect(failuresOf(calls)).toEqual([]);
  });

  it('fails only the calls in flight on a replica killed (SIGKILL); every call after its death succeeds', async () => {
    let killedAt = 0;
    let goneAt = 0;
    const calls = await underTraffic(callers, async () => {
      await sleep(1000);
      killedAt = performance.now();
      // Until its process is gone (its sockets closed), calls still reach it: an MQTT request the broker hands it, a
      // WebSocket call sent on the connection it holds. Those are in flight on it too.
      await cluster().replicas[1]!.signal('SIGKILL');
      goneAt = performance.now();
      await sleep(1500);
    });
    const sinceKill = ({ protocol, result, startedAt, endedAt }: TrafficCall) => ({ protocol, result, startedMs: Math.round(startedAt - killedAt), endedMs: Math.round(endedAt - killedAt) });
    const inFlightOnIt = calls.filter((call) => call.startedAt < goneAt && call.endedAt > killedAt);
    const failures = failuresOf(calls).map(sinceKill);
    console.info(`calls during the SIGKILL run: ${calls.length}, ${inFlightOnIt.length} in flight while it died (${Math.round(goneAt - killedAt)} ms); failed:`, failures);
    expect(failures.filter((failure) => failure.endedMs < 0 || failure.startedMs >= goneAt - killedAt)).toEqual([]);
    expect(failures.length).toBeLessThanOrEqual(inFlightOnIt.length);
    expect(calls.filter((call) => call.startedAt > goneAt).length).toBeGreaterThan(callers.length);
  });
});
