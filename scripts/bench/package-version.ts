import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/** "fastify 5.6.1": a dependency's name with its installed version, for the report's library column. */
export function withVersion(name: string): string {
  try {
    const { version } = JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string };
    return `${name} ${version ?? '?'}`;
  } catch {
    return name;
  }
}
