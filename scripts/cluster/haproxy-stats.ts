// What haproxy thinks of each replica, read from its stats page as CSV (the first line names the columns).

/** "backend/server" → haproxy's status for it: "UP", "DOWN", "UP 1/2" (rising), "DOWN 1/2" (falling), "MAINT"... */
export type ServerStatuses = Map<string, string>;

export async function serverStatuses(statsUrl: string): Promise<ServerStatuses> {
  const response = await fetch(`${statsUrl}/;csv`);
  if (!response.ok) throw new Error(`haproxy stats answered ${response.status}`);
  const [header, ...rows] = (await response.text()).trim().split('\n');
  const columns = header!.replace(/^# /, '').split(',');
  const [proxy, server, status] = ['pxname', 'svname', 'status'].map((name) => columns.indexOf(name));
  const statuses: ServerStatuses = new Map();
  for (const row of rows) {
    const cells = row.split(',');
    if (cells[server!] === 'FRONTEND' || cells[server!] === 'BACKEND') continue;
    statuses.set(`${cells[proxy!]}/${cells[server!]}`, cells[status!]!);
  }
  return statuses;
}

/** Resolves once haproxy reports `status` for every one of `servers` ("backend/server"); rejects after `timeoutMs`. */
export async function waitForStatus(statsUrl: string, servers: readonly string[], status: 'UP' | 'DOWN', timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: ServerStatuses = new Map();
  while (Date.now() < deadline) {
    last = await serverStatuses(statsUrl).catch(() => last);
    if (servers.every((name) => last.get(name) === status)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const seen = servers.map((name) => `${name} ${last.get(name) ?? 'unknown'}`).join(', ');
  throw new Error(`haproxy did not report ${status} for every replica within ${timeoutMs} ms: ${seen}`);
}
