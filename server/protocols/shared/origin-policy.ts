import { hostname, networkInterfaces } from 'node:os';
import { isLoopbackHost } from '../../config';

export interface OriginPolicyOptions {
  /** The address the listeners bind to (HOST). */
  host: string;
  /** The web app's port: the playground calls the API from this origin. */
  webPort: number;
  /** ALLOWED_ORIGINS: further origins, e.g. https://playground.example.org. */
  extraOrigins: readonly string[];
}

/** Decides whether a browser page on `origin` may call the API: same-origin pages, the web app, configured extras. */
export type OriginPolicy = (origin: string | undefined, requestHost: string | undefined) => boolean;

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** The host names a browser may use for this machine: loopback names for a loopback bind, every interface for a wildcard. */
function localHostNames(host: string): string[] {
  if (isLoopbackHost(host)) return [...LOOPBACK_NAMES, bracketed(host)];
  if (host !== '0.0.0.0' && host !== '::' && host !== '') return [bracketed(host)];
  const interfaceAddresses = Object.values(networkInterfaces())
    .flat()
    .flatMap((entry) => (entry ? [bracketed(entry.address)] : []));
  return [...LOOPBACK_NAMES, hostname(), ...interfaceAddresses];
}

const bracketed = (address: string) => (address.includes(':') ? `[${address}]` : address);

export function createOriginPolicy({ host, webPort, extraOrigins }: OriginPolicyOptions): OriginPolicy {
  const allowed = new Set<string>(extraOrigins.map((origin) => origin.replace(/\/$/, '')));
  for (const name of localHostNames(host)) allowed.add(`http://${name}:${webPort}`);
  return (origin, requestHost) => {
    // Native clients (curl, grpc-js, mqtt.js in Node) send no Origin; only browsers do, and they cannot forge it.
    if (origin === undefined) return true;
    if (allowed.has(origin)) return true;
    // GraphiQL and Swagger UI are served by the API itself: a same-origin page.
    try {
      return requestHost !== undefined && new URL(origin).host === requestHost;
    } catch {
      return false;
    }
  };
}
