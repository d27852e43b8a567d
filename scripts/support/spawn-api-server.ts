import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { SERVER_BUNDLE } from '../build-server';
import { serverCommand, type ServerBuild } from '../server-bundle/server-runtime';
import { freshDataDir } from './fresh-data-dir';

const root = path.resolve(import.meta.dirname, '../..');
const DIST_ENTRY = path.join(root, SERVER_BUNDLE);
const STARTUP_TIMEOUT_MS = 120_000;
const KEPT_OUTPUT_CHARS = 20_000;

export const distBuildExists = () => existsSync(DIST_ENTRY);

export interface SpawnedApiServer {
  build: ServerBuild;
  /** The command line it was started with, for reports. */
  command: string;
  /** Its process id (the benchmark places it on CPUs). */
  pid: number;
  /** http://127.0.0.1:port of the API listener (REST, GraphQL, SOAP, WebSocket, gRPC-Web/Connect). */
  url: string;
  apiPort: number;
  grpcPort: number;
  mqttPort: number;
  /** The temporary DATA_DIR it writes to (removed by stop()). */
  dataDir: string;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  build?: ServerBuild;
  env?: Record<string, string>;
  /** A DATA_DIR whose built sentiment model is copied in, so the server does not retrain it (it checks the copy). */
  sentimentFrom?: string;
}

function listenersOf(summary: string) {
  const rest = /REST\s+(http:\/\/127\.0\.0\.1:(\d+))\/v1\/models/.exec(summary);
  const grpc = /gRPC\s+\S+:(\d+) \(native/.exec(summary);
  const mqtt = /MQTT\s+mqtt:\/\/\S+:(\d+)/.exec(summary);
  if (!rest || !grpc || !mqtt) return undefined;
  return { url: rest[1]!, apiPort: Number(rest[2]), grpcPort: Number(grpc[1]), mqttPort: Number(mqtt[1]) };
}

/**
 * Starts ModelWire in its own process (so a benchmark's client never shares its event loop) on loopback, on free ports,
 * with auth off and a fresh DATA_DIR, and resolves once its start-up summary names every listener.
 * The process is node itself (`node --import tsx`, not the tsx CLI, which sits in between and relays signals).
 */
export async function spawnApiServer(options: SpawnOptions = {}): Promise<SpawnedApiServer> {
  const build = options.build ?? (distBuildExists() ? 'dist' : 'tsx');
  // The compiled build runs as `npm start` runs it: the same node options and allocator settings.
  const { args, env: runtimeEnv } = serverCommand(build, DIST_ENTRY);
  const dataDir = await freshDataDir('bench', options.sentimentFrom);

  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      ...runtimeEnv,
      ...options.env,
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      API_PORT: '0',
      GRPC_PORT: '0',
      MQTT_PORT: '0',
      AUTH: 'off',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-KEPT_OUTPUT_CHARS));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  };

  let exitedEarly = false;
  const listeners = await new Promise<ReturnType<typeof listenersOf>>((resolve) => {
    const look = () => {
      const found = listenersOf(output);
      if (!found) return;
      child.stdout.off('data', look);
      resolve(found);
    };
    child.stdout.on('data', look);
    void exited.then(() => {
      exitedEarly = true;
      resolve(undefined);
    });
    setTimeout(() => resolve(undefined), STARTUP_TIMEOUT_MS).unref();
  });
  if (!listeners) {
    await stop();
    const why = exitedEarly ? `exited with code ${child.exitCode}` : `did not print its listeners within ${STARTUP_TIMEOUT_MS / 1000} s`;
    throw new Error(`ModelWire (\`${['node', ...args].join(' ')}\`) ${why}:\n${output}`);
  }
  return { build, command: `node ${args.join(' ')}`, pid: child.pid!, ...listeners, dataDir, stop };
}
