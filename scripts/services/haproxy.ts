import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { requireBinary } from './debian-binary';
import { startService, waitForPort, type ServiceProcess } from './service-process';

export interface RunningHaproxy extends ServiceProcess {
  /**
   * Soft stop (SIGUSR1): haproxy closes its listeners at once and exits when the connections it has are done, so
   * answers still on their way through it arrive. After `graceMs`, the hard stop.
   */
  softStop(graceMs: number): Promise<void>;
}

const exitedWithin = (service: ServiceProcess, ms: number) =>
  new Promise<boolean>((resolve) => {
    const { child } = service;
    if (child.exitCode !== null || child.signalCode !== null) return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => (clearTimeout(timer), resolve(true)));
  });

/**
 * Debian's haproxy in the foreground with `config`, checked first (`haproxy -c`) so that a mistake reads as haproxy's
 * own message; resolves once every port in `ports` accepts connections. Its config file is removed by stop().
 */
export async function startHaproxy(config: string, ports: readonly number[]): Promise<RunningHaproxy> {
  const binary = requireBinary('haproxy', 'haproxy');
  const dir = await mkdtemp(path.join(tmpdir(), 'modelwire-haproxy-'));
  const configFile = path.join(dir, 'haproxy.cfg');
  await writeFile(configFile, config);
  const check = spawnSync(binary, ['-c', '-q', '-f', configFile], { encoding: 'utf8' });
  if (check.status !== 0) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`haproxy refused its configuration:\n${check.stdout}${check.stderr}\n${config}`);
  }
  let service: ServiceProcess;
  try {
    service = await startService('haproxy', binary, ['-db', '-q', '-f', configFile], ports[0]!);
    for (const port of ports.slice(1)) await waitForPort(port, service.child, 'haproxy');
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const stop = async (graceMs?: number) => {
    await service.stop(graceMs);
    await rm(dir, { recursive: true, force: true });
  };
  return {
    child: service.child,
    stop,
    async softStop(graceMs) {
      if (service.child.exitCode === null && service.child.signalCode === null) service.child.kill('SIGUSR1');
      await exitedWithin(service, graceMs);
      await stop();
    },
  };
}
