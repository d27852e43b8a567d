import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** A program of a Debian package: where it is, or undefined when the package is not installed. */
export function findBinary(name: string): string | undefined {
  const onPath = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return onPath;
  return ['/usr/sbin', '/usr/local/sbin', '/usr/bin', '/usr/local/bin'].map((dir) => path.join(dir, name)).find((file) => existsSync(file));
}

/** The message for a missing program, with the command that installs it. */
export const missingPackage = (binary: string, aptPackage: string) =>
  `${binary} is not installed: sudo apt-get install -y ${aptPackage} (Debian/Ubuntu)`;

/** The program, or an Error saying which Debian package to install. */
export function requireBinary(binary: string, aptPackage: string): string {
  const found = findBinary(binary);
  if (!found) throw new Error(missingPackage(binary, aptPackage));
  return found;
}
