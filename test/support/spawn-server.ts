import { spawn, type ChildProcess } from 'node:child_process';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { inject } from 'vitest';
import { makeTempDir } from './start-api';

const root = path.resolve(import.meta.dirname, '../..');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything the process printed so far. */
  output(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/** Runs `server/main.ts` as `npm run server` does, in its own process, on free ports; resolves once it is listening. */
export async function spawnServer(env: Record<string, string> = {}): Promise<ServerProcess> {
  const dataDir = env.DATA_DIR ?? (await makeTempDir('process-data'));
  await cp(path.join(inject('prebuiltDataDir'), 'sentiment'), path.join(dataDir, 'sentiment'), { recursive: true, force: false, errorOnExist: false });
  // tsx's own CLI would sit between us and the server and relay signals; loading it into node keeps one process.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', API_PORT: '0', GRPC_PORT: '0', MQTT_PORT: '0', MODELS_DIR: await makeTempDir('models-empty'), DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const look = () => {
      const match = /REST\s+(http:\/\/\S+)\/v1\/models/.exec(printed);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', look);
    void exited.then((code) => reject(new Error(`the server exited with code ${code} before listening:\n${printed}`)));
  });
  return { child, url, output: () => printed, exited };
}
