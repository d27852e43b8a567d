import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { requireBinary } from './debian-binary';
import { startService, type ServiceProcess } from './service-process';

export interface MosquittoOptions {
  /** Users and their passwords, for a password_file: anonymous clients are then refused. */
  users?: Record<string, string>;
  /** The text of an acl_file. */
  acl?: string;
}

export interface RunningMosquitto extends ServiceProcess {
  port: number;
  url: string;
}

/** password_file and acl_file lines for `options`, their files written into `dir`. */
async function accessConfig(dir: string, { users, acl }: MosquittoOptions): Promise<string[]> {
  const lines = [`allow_anonymous ${users ? 'false' : 'true'}`];
  // Started as root, mosquitto reads these files after switching to its own user: they must be readable by others.
  await chmod(dir, 0o755);
  if (users) {
    const passwd = requireBinary('mosquitto_passwd', 'mosquitto');
    const file = path.join(dir, 'passwd');
    await writeFile(file, '');
    for (const [user, password] of Object.entries(users)) await promisify(execFile)(passwd, ['-b', file, user, password]);
    await chmod(file, 0o644);
    lines.push(`password_file ${file}`);
  }
  if (acl) {
    await writeFile(path.join(dir, 'acl'), acl, { mode: 0o644 });
    lines.push(`acl_file ${path.join(dir, 'acl')}`);
  }
  return lines;
}

/**
 * Debian's mosquitto on 127.0.0.1:port, without persistence, as the MQTT broker replicas share (MQTT_URL): they take
 * requests from it through `$share/modelwire/...` subscriptions. Its config lives in a temporary folder removed by stop().
 */
export async function startMosquitto(port: number, options: MosquittoOptions = {}): Promise<RunningMosquitto> {
  const binary = requireBinary('mosquitto', 'mosquitto');
  const dir = await mkdtemp(path.join(tmpdir(), 'modelwire-mosquitto-'));
  const configFile = path.join(dir, 'mosquitto.conf');
  const config = [`listener ${port} 127.0.0.1`, ...(await accessConfig(dir, options)), 'persistence false', 'log_dest stderr', 'log_type error', ''];
  await writeFile(configFile, config.join('\n'));
  let service: ServiceProcess;
  try {
    service = await startService('mosquitto', binary, ['-c', configFile], port);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    ...service,
    port,
    url: `mqtt://127.0.0.1:${port}`,
    async stop(graceMs) {
      await service.stop(graceMs);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
