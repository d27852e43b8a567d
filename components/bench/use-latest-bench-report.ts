'use client';

import { useQuery } from '@tanstack/react-query';
import type { BenchReport } from '../../lib/bench/bench-report';
import { errorText } from '../units';
import { readBenchReport } from './read-bench-report';

/** The server's latest report: none yet (the server says how to make one), or a reason it cannot be shown. */
export type LatestReport =
  | { state: 'loading' }
  | { state: 'ready'; report: BenchReport }
  | { state: 'none'; message: string }
  | { state: 'failed'; message: string };

const TIMEOUT_MS = 10_000;

const problemDetail = async (response: Response) => {
  const problem = (await response.json().catch(() => undefined)) as { detail?: unknown } | undefined;
  return typeof problem?.detail === 'string' ? problem.detail : `HTTP ${response.status}`;
};

async function fetchLatest(apiBaseUrl: string): Promise<Exclude<LatestReport, { state: 'loading' }>> {
  let response: Response;
  try {
    response = await fetch(`${apiBaseUrl}/v1/bench/latest`, { cache: 'no-store', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    return { state: 'failed', message: `Cannot reach the API server at ${apiBaseUrl} (${errorText(error)}).` };
  }
  if (response.status === 404) return { state: 'none', message: await problemDetail(response) };
  if (!response.ok) return { state: 'failed', message: `The server's latest report cannot be shown: ${await problemDetail(response)}` };
  const read = readBenchReport(await response.text(), "The server's latest report");
  return read.ok ? { state: 'ready', report: read.report } : { state: 'failed', message: read.problem };
}

/** GET /v1/bench/latest, read once per visit; `reload` asks again (after a new `npm run bench`). */
export function useLatestBenchReport(apiBaseUrl: string): { latest: LatestReport; reload(): void; reloading: boolean } {
  const { data, refetch, isFetching } = useQuery({
    queryKey: ['bench-latest', apiBaseUrl],
    queryFn: () => fetchLatest(apiBaseUrl),
    // Every failure is already an answer (fetchLatest never throws): nothing to retry.
    retry: false,
  });
  return { latest: data ?? { state: 'loading' }, reload: () => void refetch(), reloading: isFetching };
}
