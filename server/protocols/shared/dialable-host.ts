/** A host to dial for a bind address: a wildcard bind is reached on loopback, IPv6 literals are bracketed for URLs. */
export function dialableHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
