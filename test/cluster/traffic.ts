import { randomUUID } from 'node:crypto';
import type { ProtocolCaller } from '../support/protocol-callers';

// Continuous traffic: every caller sends one sentiment call after another, each with a text never sent before (so
// every call runs the model rather than the shared cache), and each call is kept with when it started and ended.

export interface TrafficCall {
  protocol: string;
  startedAt: number;
  endedAt: number;
  /** "ok", the contract's error code, or "threw: …" when the client itself failed. */
  result: string;
}

interface Traffic {
  /** Stops sending and resolves with every call once those in flight have ended. */
  stop(): Promise<TrafficCall[]>;
}

/** A call still unanswered after this counts as failed, so that a lost call fails the test rather than hanging it. */
const ANSWER_WAIT_MS = 20_000;
const FAILURE_PAUSE_MS = 20;
/**
 * Each caller starts at most one call per 25 ms (40 a second): a WebSocket connection may send 50 messages a second by
 * default (WS_MESSAGES_PER_SECOND), and back to back a sentiment call takes well under 10 ms, so an unpaced loop
 * measured that policy (`overloaded`) instead of how the replicas stop.
 */
const CALL_INTERVAL_MS = 25;

export const uniqueText = (what: string) => `a lovely ${what} review, number ${randomUUID()}`;

/** The call's result, or a failure when it has not answered within ANSWER_WAIT_MS. */
async function answerOrTimeout(call: Promise<string>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`no answer within ${ANSWER_WAIT_MS} ms`), ANSWER_WAIT_MS)));
  return Promise.race([call, late]).finally(() => clearTimeout(timer));
}

function startTraffic(callers: readonly ProtocolCaller[]): Traffic {
  const calls: TrafficCall[] = [];
  let running = true;
  const loop = async (caller: ProtocolCaller) => {
    while (running) {
      const startedAt = performance.now();
      const call = caller.predict('sentiment', { kind: 'text', text: uniqueText(caller.label) }).catch((error: unknown) => `threw: ${error instanceof Error ? error.message : error}`);
      const result = await answerOrTimeout(call);
      calls.push({ protocol: caller.label, startedAt, endedAt: performance.now(), result });
      // A client that fails at once (a closed one) would otherwise loop on promises alone and starve every timer.
      await sleep(result === 'ok' ? Math.max(0, startedAt + CALL_INTERVAL_MS - performance.now()) : FAILURE_PAUSE_MS);
    }
  };
  const loops = callers.map(loop);
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      return calls;
    },
  };
}

/** Runs `during` under traffic and returns every call; the traffic stops also when `during` fails. */
export async function underTraffic(callers: readonly ProtocolCaller[], during: () => Promise<void>): Promise<TrafficCall[]> {
  const traffic = startTraffic(callers);
  try {
    await during();
  } catch (error) {
    await traffic.stop();
    throw error;
  }
  return traffic.stop();
}

export const failuresOf = (calls: readonly TrafficCall[]) => calls.filter((call) => call.result !== 'ok');

/** Calls per protocol, to show that each one kept going. */
export function countsByProtocol(calls: readonly TrafficCall[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of calls) counts[call.protocol] = (counts[call.protocol] ?? 0) + 1;
  return counts;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
