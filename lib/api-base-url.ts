/**
 * The API server's URL as the browser must use it: API_PUBLIC_URL when set, otherwise the host the browser
 * used for the web page with the API port, so the playground also works from another machine when HOST allows it.
 */
export function apiBaseUrlFor(requestHost: string | null, env: Record<string, string | undefined>): string {
  if (env.API_PUBLIC_URL) return env.API_PUBLIC_URL.replace(/\/$/, '');
  const hostname = requestHost ? new URL(`http://${requestHost}`).hostname : '127.0.0.1';
  return `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${env.API_PORT || '8080'}`;
}
