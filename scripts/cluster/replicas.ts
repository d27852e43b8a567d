import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { SERVER_BUNDLE } from '../build-server';
import { serverCommand, type ServerBuild } from '../server-bundle/server-runtime';
import { waitForPort } from '../services/service-process';
import { freshDataDir } from '../support/fresh-data-dir';
import { READINESS_PATH } from './haproxy-config';

export interface ReplicaOptions {
  name: string;
  root: string;
  build: ServerBuild;
  /** The compiled server to run with build `dist`, from the root (default SERVER_BUNDLE, dist/server/main.js). */
  bundle?: string;
  apiPort: number;
  grpcPort: number;
  /** What the replicas share: REDIS_URL, MQTT_URL, MODELS_DIR (and JWT_SECRET when AUTH=required). */
  env: Record<string, string>;
  /** A DATA_DIR whose built sentiment model is copied into the replica's own, so it does not train one at start. */
  sentimentFrom?: string;
  /** Each chunk the replica prints (the CLI shows them prefixed). */
  onOutput?: (chunk: string) => void;
}

export interface Replica {
  name: string;
  apiPort: number;
  grpcPort: number;
  /** http://127.0.0.1:apiPort, to address this replica directly. */
  url: string;
  /** 127.0.0.1:grpcPort. */
  grpcAddress: string;
  pid: number;
  /** Sends a signal (SIGTERM for a graceful stop, SIGKILL for a crash) and resolves once it has exited; rejects when it is stuck. */
  signal(signal: NodeJS.Signals): Promise<void>;
  /** SIGTERM (SIGKILL when stuck), its exit, and its temporary DATA_DIR removed. */
  stop(): Promise<void>;
  /** The last things it printed, for error messages. */
  output(): string;
}

const READY_TIMEOUT_MS = 120_000;
const KEPT_OUTPUT_CHARS = 20_000;
/** SHUTDOWN_DEADLINE_MS (10 s by default) and then some: a replica still running after this is stuck. */
const EXIT_TIMEOUT_MS = 20_000;

async function answersReady(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}${READINESS_PATH}`)).ok;
  } catch {
    return false;
  }
}

/** Starts one ModelWire replica on loopback on the given ports with a DATA_DIR of its own; resolves once it is ready. */
export async function startReplica(options: ReplicaOptions): Promise<Replica> {
  const dataDir = await freshDataDir(options.name, options.sentimentFrom);
  const { args, env } = serverCommand(options.build, options.bundle ?? SERVER_BUNDLE);
  const child = spawn(process.execPath, args, {
    cwd: options.root,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      ...env,
      ...options.env,
      HOST: '127.0.0.1',
      API_PORT: String(options.apiPort),
      GRPC_PORT: String(options.grpcPort),
      DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: Ctrl-C in the terminal reaches the cluster, which stops the replicas after haproxy's listeners.
    detached: true,
  });
  let printed = '';
  const keep = (chunk: Buffer) => {
    printed = (printed + chunk.toString()).slice(-KEPT_OUTPUT_CHARS);
    options.onOutput?.(chunk.toString());
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`replica ${options.name} did not exit within ${EXIT_TIMEOUT_MS} ms of ${name}:\n${printed}`)), EXIT_TIMEOUT_MS);
    });
    await Promise.race([exited, late]).finally(() => clearTimeout(timer));
  };
  const stop = async () => {
    await signal('SIGTERM').catch(() => signal('SIGKILL'));
    await rm(dataDir, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${options.apiPort}`;
  try {
    await waitForPort(options.apiPort, child, options.name, READY_TIMEOUT_MS);
    await waitForPort(options.grpcPort, child, options.name, READY_TIMEOUT_MS);
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!(await answersReady(url))) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${url}${READINESS_PATH} did not answer 200`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await signal('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
    throw new Error(`replica ${options.name} did not start (${error instanceof Error ? error.message : error}):\n${printed}`);
  }
  return { name: options.name, apiPort: options.apiPort, grpcPort: options.grpcPort, url, grpcAddress: `127.0.0.1:${options.grpcPort}`, pid: child.pid!, signal, stop, output: () => printed };
}
