import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { MOSQUITTO_PUB, MOSQUITTO_SUB, STDBUF } from './mosquitto';

// mosquitto_pub and mosquitto_sub, Debian's command-line MQTT clients, as child processes.

// mosquitto_sub -F reads @ and % as escapes, so the marker and separator avoid them.
const MARK = 'MESSAGE ';

export interface SubscribedCli {
  /** The first message: its MQTT 5 correlation data (empty for 3.1.1) and its payload as JSON. */
  message: Promise<{ correlationData: string; json: any }>;
}

/** Starts `mosquitto_sub -C 1` and resolves once the broker acknowledged the subscription (its -d output says SUBACK). */
export async function subscribeOnceWithCli(port: number, topic: string, extraArgs: string[] = []): Promise<SubscribedCli> {
  const args = ['-h', '127.0.0.1', '-p', String(port), '-t', topic, '-q', '1', '-C', '1', '-W', '20', '-d', '-F', `${MARK}%D|%p`, ...extraArgs];
  // Line-buffered, or its -d lines (and so the SUBACK we wait for) would only reach the pipe when it exits.
  const child = spawn(STDBUF!, ['-oL', MOSQUITTO_SUB!, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('SUBACK')) resolve();
    });
    void exited.then((code) => reject(new Error(`mosquitto_sub exited (${code}) before subscribing: ${stderr}`)));
  });
  const message = exited.then((code) => {
    const line = stdout.split('\n').find((text) => text.startsWith(MARK));
    if (code !== 0 || !line) throw new Error(`mosquitto_sub exited with ${code} and no message: ${stdout} ${stderr}`);
    const separator = line.indexOf('|');
    const [correlationData, payload] = [line.slice(MARK.length, separator), line.slice(separator + 1)];
    return { correlationData, json: JSON.parse(payload) };
  });
  message.catch(() => undefined); // awaited by the test; this only keeps an early failure from being "unhandled"
  return { message };
}

export async function publishWithCli(port: number, topic: string, payload: string, extraArgs: string[] = []): Promise<void> {
  await promisify(execFile)(MOSQUITTO_PUB!, ['-h', '127.0.0.1', '-p', String(port), '-t', topic, '-q', '1', '-m', payload, ...extraArgs]);
}
