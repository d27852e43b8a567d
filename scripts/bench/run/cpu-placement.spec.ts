import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { cpuPlacement, cpusOf, parseCpuList, splitCpus } from './cpu-placement';

describe('parseCpuList', () => {
  it('reads the lists taskset prints', () => {
    expect(parseCpuList('0,1')).toEqual([0, 1]);
    expect(parseCpuList(' 0-2,5\n')).toEqual([0, 1, 2, 5]);
    expect(parseCpuList('3')).toEqual([3]);
  });

  it('refuses what is not one', () => {
    expect(() => parseCpuList('')).toThrow(/not a CPU list/);
    expect(() => parseCpuList('2-1')).toThrow(/not a CPU list/);
    expect(() => parseCpuList('a')).toThrow(/not a CPU list/);
  });
});

describe('splitCpus', () => {
  it('gives the client the last CPU and the servers the rest; nothing to split on one CPU', () => {
    expect(splitCpus([0, 1])).toEqual({ client: [1], servers: [0] });
    expect(splitCpus([0, 1, 2, 3])).toEqual({ client: [3], servers: [0, 1, 2] });
    expect(splitCpus([0])).toBeUndefined();
  });
});

describe('cpuPlacement', () => {
  it('pins this process to the client CPU and a server to the others, and undoes it', async (context) => {
    const placement = await cpuPlacement();
    if ('unavailable' in placement) {
      if (process.env.CI === 'true') throw new Error(`CI runs on 2 CPUs with taskset: ${placement.unavailable}`);
      console.log(`skipped: ${placement.unavailable}`);
      return context.skip();
    }
    const before = await cpusOf(process.pid);
    const server = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    await once(server, 'spawn');
    try {
      const undo = await placement.separate([server.pid!]);
      try {
        expect(await cpusOf(process.pid)).toEqual(placement.client);
        expect(await cpusOf(server.pid!)).toEqual(placement.servers);
      } finally {
        await undo();
      }
      expect(await cpusOf(process.pid)).toEqual(before);
      expect(await cpusOf(server.pid!)).toEqual(before);
    } finally {
      server.kill();
    }
  });
});
