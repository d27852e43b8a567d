import type { ServerTime } from './call-timing';

/** The response header the API server puts its timing in (HTTP lanes); the server exposes it to the web app's origin. */
export const SERVER_TIMING_HEADER = 'server-timing';

/** One metric of a Server-Timing header, e.g. `inference;dur=2.95`. */
interface Metric {
  name: string;
  durationMs?: number;
}

const unquote = (value: string) => (value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value);

/** Splits on `separator` outside quoted strings. */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\\' && quoted) {
      current += char + (text[++i] ?? '');
      continue;
    }
    if (char === '"') quoted = !quoted;
    if (char === separator && !quoted) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  return [...parts, current];
}

/** The metrics of a header in the W3C Server-Timing syntax: `name;dur=1.2;desc="text", name2;dur=3`. */
export function serverTimingMetrics(header: string): Metric[] {
  return splitOutsideQuotes(header, ',').flatMap((entry) => {
    const [name, ...params] = splitOutsideQuotes(entry, ';').map((part) => part.trim());
    if (!name) return [];
    const metric: Metric = { name };
    for (const param of params) {
      const [key, value = ''] = param.split(/=(.*)/s).map((part) => part.trim());
      const duration = Number(unquote(value));
      // The first dur counts, as the W3C parsing rules say; a value that is no number is ignored.
      if (key?.toLowerCase() === 'dur' && metric.durationMs === undefined && value !== '' && Number.isFinite(duration)) metric.durationMs = duration;
    }
    return [metric];
  });
}

/** The server's time from ModelWire's Server-Timing header (`total`, `preprocess`, `inference`); undefined without `total`. */
export function serverTimeOfHeader(header: string | null | undefined): ServerTime | undefined {
  if (!header) return undefined;
  const durations = new Map<string, number>();
  for (const { name, durationMs } of serverTimingMetrics(header)) if (durationMs !== undefined && !durations.has(name)) durations.set(name, durationMs);
  const totalMs = durations.get('total');
  if (totalMs === undefined) return undefined;
  return { totalMs, preprocessMs: durations.get('preprocess'), inferenceMs: durations.get('inference'), source: 'server-timing-header' };
}
