import { requireBinary } from './debian-binary';
import { startService, type ServiceProcess } from './service-process';

export interface RunningRedis extends ServiceProcess {
  port: number;
  url: string;
}

/**
 * Debian's redis-server on 127.0.0.1:port, in memory only (no RDB or AOF files), as a shared prediction cache:
 * bounded, evicting the least recently used answers when full.
 */
export async function startRedis(port: number, { maxMemory = '256mb' } = {}): Promise<RunningRedis> {
  const binary = requireBinary('redis-server', 'redis-server');
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory', maxMemory, '--maxmemory-policy', 'allkeys-lru', '--loglevel', 'warning'];
  const service = await startService('redis', binary, args, port);
  return { ...service, port, url: `redis://127.0.0.1:${port}` };
}
