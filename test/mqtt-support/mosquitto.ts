import { afterAll, beforeAll } from 'vitest';
import { findBinary } from '../../scripts/services/debian-binary';
import { startMosquitto as startBroker, type MosquittoOptions } from '../../scripts/services/mosquitto';
import { freePort } from '../../scripts/support/free-port';
import { requirement } from '../support/requirements';

// Debian's mosquitto broker, started on a free port for one test file.

const MOSQUITTO = findBinary('mosquitto');
export const MOSQUITTO_PUB = findBinary('mosquitto_pub');
export const MOSQUITTO_SUB = findBinary('mosquitto_sub');
const MOSQUITTO_RR = findBinary('mosquitto_rr');
const MOSQUITTO_PASSWD = findBinary('mosquitto_passwd');
export const STDBUF = findBinary('stdbuf');

/** Whether to skip tests that need Debian's mosquitto broker and clients: printed locally, an error under CI=true. */
export const skipWithoutMosquitto = () =>
  skipWithout([['mosquitto', MOSQUITTO], ['mosquitto_passwd', MOSQUITTO_PASSWD], ['mosquitto_pub', MOSQUITTO_PUB], ['mosquitto_sub', MOSQUITTO_SUB], ['stdbuf', STDBUF]]);

/** The same for tests that only run mosquitto-clients (mosquitto_rr, mosquitto_pub, mosquitto_sub) against the embedded broker. */
export const skipWithoutMosquittoClients = () =>
  skipWithout([['mosquitto_rr', MOSQUITTO_RR], ['mosquitto_pub', MOSQUITTO_PUB], ['mosquitto_sub', MOSQUITTO_SUB]]);

function skipWithout(binaries: Array<[name: string, file: string | undefined]>): boolean {
  const missing = binaries.filter(([, file]) => !file).map(([name]) => name);
  const names = binaries.map(([name]) => name).join(', ');
  return requirement(names, missing.length === 0, `${missing.join(', ')} not installed: apt-get install mosquitto mosquitto-clients coreutils`);
}

export interface RunningMosquitto {
  port: number;
  url: string;
  close(): Promise<void>;
}

/** The production broker (scripts/services/mosquitto.ts) on a free port. */
async function startMosquitto(options: MosquittoOptions = {}): Promise<RunningMosquitto> {
  const broker = await startBroker(await freePort(), options);
  return { port: broker.port, url: broker.url, close: () => broker.stop() };
}

/** A mosquitto broker of its own for the enclosing describe, started before its tests and stopped after them. */
export function useMosquitto(options: MosquittoOptions = {}): () => RunningMosquitto {
  let broker: RunningMosquitto | undefined;
  beforeAll(async () => {
    broker = await startMosquitto(options);
  });
  afterAll(() => broker?.close());
  return () => broker!;
}
