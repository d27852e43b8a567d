import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';

export interface ServiceProcess {
  readonly child: ChildProcess;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether something accepts TCP connections on 127.0.0.1:port right now. */
export const acceptsConnections = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(() => resolve(true)));
    socket.on('error', () => resolve(false));
  });

/** Resolves once something accepts TCP connections on 127.0.0.1:port; rejects if `child` exits first or time runs out. */
export async function waitForPort(port: number, child: ChildProcess, name: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before listening on port ${port}`);
    if (await acceptsConnections(port)) return;
    await sleep(50);
  }
  throw new Error(`${name} did not listen on port ${port} within ${timeoutMs} ms`);
}

/**
 * Starts `binary` and waits for its port; its stderr goes to ours, prefixed, so its complaints are seen. It runs in a
 * process group of its own: a terminal's Ctrl-C reaches only its owner, which stops the services in its own order.
 */
export async function startService(name: string, binary: string, args: string[], port: number): Promise<ServiceProcess> {
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(`[${name}] ${chunk}`));
  try {
    await waitForPort(port, child, name);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    child,
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
