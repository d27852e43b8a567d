import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { requirement } from '../support/requirements';

// Debian's mosquitto broker, started on a free port for one test file.

function findBinary(name: string): string | undefined {
  const onPath = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return onPath;
  return ['/usr/sbin', '/usr/local/sbin', '/usr/bin'].map((dir) => path.join(dir, name)).find((file) => existsSync(file));
}

export const MOSQUITTO = findBinary('mosquitto');
export const MOSQUITTO_PUB = findBinary('mosquitto_pub');
export const MOSQUITTO_SUB = findBinary('mosquitto_sub');
export const STDBUF = findBinary('stdbuf');

/** Whether to skip tests that need Debian's mosquitto broker and clients: printed locally, an error under CI=true. */
export const skipWithoutMosquitto = () => skipWithout([['mosquitto', MOSQUITTO], ['mosquitto_pub', MOSQUITTO_PUB], ['mosquitto_sub', MOSQUITTO_SUB], ['stdbuf', STDBUF]]);

/** The same for tests that only run mosquitto_pub and mosquitto_sub against the embedded broker. */
export const skipWithoutMosquittoClients = () => skipWithout([['mosquitto_pub', MOSQUITTO_PUB], ['mosquitto_sub', MOSQUITTO_SUB]]);

function skipWithout(binaries: Array<[name: string, file: string | undefined]>): boolean {
  const missing = binaries.filter(([, file]) => !file).map(([name]) => name);
  const names = binaries.map(([name]) => name).join(', ');
  return requirement(names, missing.length === 0, `${missing.join(', ')} not installed: apt-get install mosquitto mosquitto-clients coreutils`);
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port: number, process: ChildProcess, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (process.exitCode !== null) throw new Error(`mosquitto exited with code ${process.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(() => resolve(true)));
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`mosquitto did not listen on port ${port} within ${timeoutMs} ms`);
}

export interface RunningMosquitto {
  port: number;
  url: string;
  close(): Promise<void>;
}

export async function startMosquitto(): Promise<RunningMosquitto> {
  if (!MOSQUITTO) throw new Error('mosquitto is not installed');
  const dir = await mkdtemp(path.join(tmpdir(), 'modelwire-mosquitto-'));
  const port = await freePort();
  const configFile = path.join(dir, 'mosquitto.conf');
  await writeFile(configFile, [`listener ${port} 127.0.0.1`, 'allow_anonymous true', 'persistence false', 'log_dest stderr', 'log_type error', ''].join('\n'));
  const broker = spawn(MOSQUITTO, ['-c', configFile], { stdio: ['ignore', 'ignore', 'inherit'] });
  await waitForPort(port, broker);
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
export function useMosquitto(): () => RunningMosquitto {
  let broker: RunningMosquitto | undefined;
  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(() => broker?.close());
  return () => broker!;
}
