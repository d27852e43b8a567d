import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

// One call at a time, a client and a server wake each other for every call, and where the scheduler puts the two
// decides the round trip more than the server's work does: on this 2-CPU machine the ws floor answered in 33 µs
// (p50) when it shared a CPU with its client and in 94 µs when it did not; ModelWire in 112 and 195 µs. The scheduler
// chose differently for different servers in the same run (the floor together with the client, ModelWire apart), so
// sequential loads pin the client to one CPU and the servers to the others, as a client on another machine would be.

const run = promisify(execFile);

/** "0-2,5" → [0, 1, 2, 5]: a CPU list as taskset and /sys print it. */
export function parseCpuList(list: string): number[] {
  const cpus = list
    .trim()
    .split(',')
    .filter(Boolean)
    .flatMap((part) => {
      const [first, last = first] = part.split('-').map((bound) => Number(bound.trim()));
      if (!Number.isInteger(first) || !Number.isInteger(last) || first! < 0 || last! < first!) throw new Error(`not a CPU list: "${list}"`);
      return Array.from({ length: last! - first! + 1 }, (_, index) => first! + index);
    });
  if (cpus.length === 0) throw new Error(`not a CPU list: "${list}"`);
  return cpus;
}

/** The CPUs `pid` may run on. */
export async function cpusOf(pid: number): Promise<number[]> {
  const { stdout } = await run('taskset', ['-c', '-p', String(pid)]);
  return parseCpuList(stdout.slice(stdout.lastIndexOf(':') + 1));
}

/** Every thread of `pid` (and threads it starts later) may run on `cpus` only. */
export async function pinProcess(pid: number, cpus: readonly number[]): Promise<void> {
  await run('taskset', ['-a', '-c', '-p', cpus.join(','), String(pid)]);
}

/** The client's CPU and the servers' CPUs out of the ones the bench may use: the last one for the client. */
export function splitCpus(cpus: readonly number[]): { client: number[]; servers: number[] } | undefined {
  if (cpus.length < 2) return undefined;
  return { client: [cpus[cpus.length - 1]!], servers: cpus.slice(0, -1) };
}

export interface CpuPlacement {
  /** The bench's own process on `client`, each server on `servers`; resolves with the function that undoes it. */
  separate(serverPids: readonly number[]): Promise<() => Promise<void>>;
  readonly client: number[];
  readonly servers: number[];
}

/** The placement this machine allows, or why there is none (one CPU, no taskset). */
export async function cpuPlacement(): Promise<CpuPlacement | { unavailable: string }> {
  let cpus: number[];
  try {
    cpus = await cpusOf(process.pid);
  } catch (error) {
    return { unavailable: `taskset could not read the CPUs (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
  }
  const split = splitCpus(cpus);
  if (!split) return { unavailable: `the bench may use one CPU only (${cpus.join(',')})` };
  const restore = (pids: readonly number[]) => Promise.all(pids.map((pid) => pinProcess(pid, cpus).catch(() => undefined)));
  return {
    ...split,
    async separate(serverPids) {
      const pids = [process.pid, ...serverPids];
      try {
        await pinProcess(process.pid, split.client);
        for (const pid of serverPids) await pinProcess(pid, split.servers);
      } catch (error) {
        await restore(pids);
        throw error;
      }
      return async () => {
        await restore(pids);
      };
    },
  };
}
