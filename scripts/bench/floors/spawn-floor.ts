import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { LaneProtocol } from '../lanes/lane';

const root = path.resolve(import.meta.dirname, '../../..');
const ENTRY = path.join(import.meta.dirname, 'serve-floor.ts');
const START_TIMEOUT_MS = 60_000;

export interface SpawnedFloor {
  port: number;
  pid: number;
  library: string;
  stop(): Promise<void>;
}

/**
 * Starts one protocol's floor server in a child process and resolves with the port it printed; `onnx`: the floor
 * answers through onnxruntime-node rather than inline (see onnx-seed-answer.ts).
 */
export async function spawnFloor(protocol: LaneProtocol, { onnx = false }: { onnx?: boolean } = {}): Promise<SpawnedFloor> {
  const args = ['--import', 'tsx', ENTRY, protocol, ...(onnx ? ['--onnx'] : [])];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-10_000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };

  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string | undefined>((resolve) => {
    lines.once('line', resolve);
    void exited.then(() => resolve(undefined));
    setTimeout(() => resolve(undefined), START_TIMEOUT_MS).unref();
  });
  // Keep draining stdout, so nothing the floor prints later can fill the pipe and stall it.
  lines.on('line', () => undefined);
  if (first === undefined) {
    await stop();
    throw new Error(`the ${protocol} floor did not start:\n${errors}`);
  }
  const { port, library } = JSON.parse(first) as { port: number; library: string };
  return { port, pid: child.pid!, library, stop };
}
