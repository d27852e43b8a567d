import type { CallTiming, ConnectTime, RoundTripClock, ServerTime } from './call-timing';
import { watchFetch, type FetchTimestamps } from './resource-timing';
import { SERVER_TIMING_HEADER, serverTimeOfHeader } from './server-timing-header';

/** The round trip of one HTTP call, with the set-up before it apart. */
export interface HttpRoundTrip {
  roundTripMs: number;
  connect?: ConnectTime;
  clock: RoundTripClock;
}

/** A fetch whose whole body has been read, with its round trip and the server's Server-Timing. */
export interface TimedResponse extends HttpRoundTrip {
  response: Response;
  text: string;
  /** performance.now() when the body had been read: decoding starts here. */
  receivedAt: number;
  server?: ServerTime;
}

/** URLs this page has called: the first call to each pays for a CORS preflight (cached for the server's max-age). */
const calledUrls = new Set<string>();

/**
 * From the network stack's timestamps when the browser gives them: the set-up (TCP connection, CORS preflight) is shown
 * apart on the first call to a URL and on a new connection, and is part of the round trip otherwise (the browser's
 * queueing, well under a millisecond). Without them, the page's clock around the call.
 */
export function httpRoundTrip(url: string, pageStarted: number, pageEnded: number, network: FetchTimestamps | undefined): HttpRoundTrip {
  const firstCall = !calledUrls.has(url);
  calledUrls.add(url);
  if (!network) return { roundTripMs: pageEnded - pageStarted, clock: 'page' };
  const { startTime, requestStart, responseEnd, newConnection } = network;
  if (!firstCall && !newConnection) return { roundTripMs: responseEnd - startTime, clock: 'network-stack' };
  const what = [newConnection ? 'TCP connection' : undefined, firstCall ? 'CORS preflight' : undefined].filter(Boolean).join(' and ');
  return { roundTripMs: responseEnd - requestStart, connect: { ms: requestStart - startTime, what }, clock: 'network-stack' };
}

/** fetch() and read the body as text, timed; throws as fetch does when no response comes. */
export async function timedFetch(url: string, init: RequestInit): Promise<TimedResponse> {
  const watch = watchFetch(url);
  try {
    const started = performance.now();
    const response = await fetch(url, init);
    const text = await response.text();
    const receivedAt = performance.now();
    const roundTrip = httpRoundTrip(url, started, receivedAt, await watch.settle());
    return { response, text, receivedAt, server: serverTimeOfHeader(response.headers.get(SERVER_TIMING_HEADER)), ...roundTrip };
  } finally {
    watch.stop();
  }
}

/** A call's timing from its HTTP exchange and the encoding and decoding measured around it. */
export const httpCallTiming = ({ connect, server, clock }: HttpRoundTrip & { server?: ServerTime }, encodeMs: number, decodeMs: number): CallTiming => ({
  connect,
  encodeMs,
  server,
  decodeMs,
  clock,
});
