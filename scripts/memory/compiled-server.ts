import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { SERVER_BUNDLE } from '../build-server';
import { SERVER_ENV, SERVER_NODE_OPTIONS } from '../server-bundle/server-runtime';
import { acceptsConnections } from '../services/service-process';
import { freePort } from '../support/free-port';
import { freshDataDir } from '../support/fresh-data-dir';

export interface CompiledServerOptions {
  root: string;
  /** MODELS_DIR: where the ImageNet classifier is. */
  modelsDir: string;
  /** A DATA_DIR holding a built sentiment model, copied into the server's own temporary DATA_DIR. */
  sentimentFrom: string;
  /** The bundle to run, from the root (default SERVER_BUNDLE, dist/server/main.js). */
  bundle?: string;
  /** Node options instead of production's (SERVER_NODE_OPTIONS). */
  nodeOptions?: readonly string[];
  /** Environment variables the runtime reads at start, instead of production's (SERVER_ENV). */
  runtimeEnv?: Readonly<Record<string, string>>;
  env?: Record<string, string>;
}

export interface CompiledServer {
  pid: number;
  apiUrl: string;
  /** http://127.0.0.1:port of the native gRPC listener (HTTP/2 cleartext). */
  grpcUrl: string;
  /** mqtt://127.0.0.1:port of the embedded broker. */
  mqttUrl: string;
  /** From spawn until /healthz answered 200 and the gRPC and MQTT ports accepted connections. */
  readyMs: number;
  /** Everything the process printed so far. */
  output(): string;
  /** SIGTERM, then the exit code (null when a signal ended it), and the temporary DATA_DIR removed. */
  stop(): Promise<number | null>;
}

const READY_TIMEOUT_MS = 60_000;
const POLL_MS = 20;

async function answersHealth(apiUrl: string): Promise<boolean> {
  try {
    return (await fetch(`${apiUrl}/healthz`)).ok;
  } catch {
    return false;
  }
}

/** Runs the compiled server (`node dist/server/main.js`, no tsx) on loopback with free ports and a fresh DATA_DIR; resolves once every listener is up. */
export async function spawnCompiledServer(options: CompiledServerOptions): Promise<CompiledServer> {
  const [apiPort, grpcPort, mqttPort] = [await freePort(), await freePort(), await freePort()];
  const dataDir = await freshDataDir('compiled', options.sentimentFrom);
  const started = performance.now();
  const child = spawn(process.execPath, [...(options.nodeOptions ?? SERVER_NODE_OPTIONS), options.bundle ?? SERVER_BUNDLE], {
    cwd: options.root,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      AUTH: 'off',
      LOG_LEVEL: 'warn',
      ...(options.runtimeEnv ?? SERVER_ENV),
      ...options.env,
      API_PORT: String(apiPort),
      GRPC_PORT: String(grpcPort),
      MQTT_PORT: String(mqttPort),
      MODELS_DIR: options.modelsDir,
      DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const code = await exited;
    await rm(dataDir, { recursive: true, force: true });
    return code;
  };

  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const pending = new Map<string, () => Promise<boolean>>([
    ['/healthz', () => answersHealth(apiUrl)],
    ['gRPC', () => acceptsConnections(grpcPort)],
    ['MQTT', () => acceptsConnections(mqttPort)],
  ]);
  while (pending.size > 0) {
    if (child.exitCode !== null || performance.now() - started > READY_TIMEOUT_MS) {
      await stop();
      throw new Error(`the compiled server was not ready (waiting for ${[...pending.keys()].join(', ')}):\n${printed}`);
    }
    for (const [name, isUp] of pending) if (await isUp()) pending.delete(name);
    if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return {
    pid: child.pid!,
    apiUrl,
    grpcUrl: `http://127.0.0.1:${grpcPort}`,
    mqttUrl: `mqtt://127.0.0.1:${mqttPort}`,
    readyMs: performance.now() - started,
    output: () => printed,
    stop,
  };
}
