import { execFile, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import { findBinary } from '../../scripts/services/debian-binary';
import { waitForPort } from '../../scripts/services/service-process';
import { freePort } from '../../scripts/support/free-port';
import { requirement } from '../support/requirements';

// Debian's mosquitto broker, started on a free port for one test file.

export const MOSQUITTO = findBinary('mosquitto');
export const MOSQUITTO_PUB = findBinary('mosquitto_pub');
export const MOSQUITTO_SUB = findBinary('mosquitto_sub');
export const MOSQUITTO_RR = findBinary('mosquitto_rr');
export const MOSQUITTO_PASSWD = findBinary('mosquitto_passwd');
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

export { freePort };

export interface RunningMosquitto {
  port: number;
  url: string;
  close(): Promise<void>;
}

export interface MosquittoOptions {
  /** Users and their passwords, for a password_file: anonymous clients are then refused. */
  users?: Record<string, string>;
  /** The text of an acl_file. */
  acl?: string;
}

/** password_file and acl_file lines for `options`, their files written into `dir`. */
async function accessConfig(dir: string, { users, acl }: MosquittoOptions): Promise<string[]> {
  const lines = [`allow_anonymous ${users ? 'false' : 'true'}`];
  // Started as root, mosquitto reads these files after switching to its own user: they must be readable by others.
  await chmod(dir, 0o755);
  if (users) {
    const file = path.join(dir, 'passwd');
    await writeFile(file, '');
    for (const [user, password] of Object.entries(users)) await promisify(execFile)(MOSQUITTO_PASSWD!, ['-b', file, user, password]);
    await chmod(file, 0o644);
    lines.push(`password_file ${file}`);
  }
  if (acl) {
    await writeFile(path.join(dir, 'acl'), acl, { mode: 0o644 });
    lines.push(`acl_file ${path.join(dir, 'acl')}`);
  }
  return lines;
}

export async function startMosquitto(options: MosquittoOptions = {}): Promise<RunningMosquitto> {
  if (!MOSQUITTO) throw new Error('mosquitto is not installed');
  const dir = await mkdtemp(path.join(tmpdir(), 'modelwire-mosquitto-'));
  const port = await freePort();
  const configFile = path.join(dir, 'mosquitto.conf');
  const config = [`listener ${port} 127.0.0.1`, ...(await accessConfig(dir, options)), 'persistence false', 'log_dest stderr', 'log_type error', ''];
  await writeFile(configFile, config.join('\n'));
  const broker = spawn(MOSQUITTO, ['-c', configFile], { stdio: ['ignore', 'ignore', 'inherit'] });
  await waitForPort(port, broker, 'mosquitto');
  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    async close() {
      if (broker.exitCode === null) {
        const exited = new Promise((resolve) => broker.once('exit', resolve));
        broker.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
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
