import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXACT_X, EXACT_Y } from '../support/linear-fixture';
import { hasSharedImagenet, SHARED_IMAGENET_DIR } from '../support/shared-files';
import { startApi } from '../support/start-api';
import { httpCases } from './hostile-cases-http';
import { HOSTILE_LINEAR, inputCases } from './hostile-cases-input';
import { limitCases } from './hostile-cases-limits';
import { streamCases } from './hostile-cases-streams';
import { checkHostile, hostileLanes, SHORT_REQUEST_TIMEOUT_MS, type HostileServers } from './hostile-lanes';
import { runTable } from './run-table';

// The hostile-input table: every case on every protocol it applies to, each followed by a normal request on the same
// protocol; then the bound on how much the server (in this process) grew over the whole suite.

const MB = 1024 * 1024;
const RSS_GROWTH_BOUND_MB = 300;
/** A graceful stop waits this long for what is still open, then cuts it; a clean server stops far sooner. */
const SHUTDOWN_DEADLINE_MS = 3000;
const STOPS_WITHIN_MS = 2000;

let servers: HostileServers | undefined;
const running = (): HostileServers => {
  if (!servers) throw new Error('the servers are not running yet');
  return servers;
};

/** RSS after a forced GC when node runs with --expose-gc; plain RSS otherwise. */
function settledRss(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss;
}

const rss = { start: 0, peak: 0 };
const peakSampler = setInterval(() => (rss.peak = Math.max(rss.peak, process.memoryUsage().rss)), 50);
peakSampler.unref();

beforeAll(async () => {
  const modelsDir = hasSharedImagenet ? SHARED_IMAGENET_DIR : undefined;
  const env = { SHUTDOWN_DEADLINE_MS: String(SHUTDOWN_DEADLINE_MS) };
  const [main, shortDeadline] = await Promise.all([
    startApi({ modelsDir, env }),
    startApi({ env: { ...env, REQUEST_TIMEOUT_MS: String(SHORT_REQUEST_TIMEOUT_MS) } }),
  ]);
  servers = { main, shortDeadline };
  await main.server.core.train(HOSTILE_LINEAR, { X: EXACT_X, y: EXACT_Y });
  rss.start = settledRss();
});

const stopServers = () => Promise.all([servers?.main.close({ removeData: true }), servers?.shortDeadline.close({ removeData: true })]);

afterAll(async () => {
  clearInterval(peakSampler);
  await stopServers();
});

const cases = [...inputCases(() => running().main.url), ...httpCases(), ...limitCases(), ...streamCases()];

runTable('hostile', hostileLanes(running), cases, async (session, row, lane) => {
  await checkHostile(session, row, lane);
  rss.peak = Math.max(rss.peak, process.memoryUsage().rss);
});

describe('hostile › afterwards', () => {
  it(`the server's RSS grew less than ${RSS_GROWTH_BOUND_MB} MB over the whole suite`, () => {
    const end = settledRss();
    const shown = (bytes: number) => `${Math.round(bytes / MB)} MB`;
    const gc = typeof (globalThis as { gc?: unknown }).gc === 'function' ? 'after a forced GC' : 'no forced GC (run node with --expose-gc for one)';
    console.info(`hostile › RSS: start ${shown(rss.start)}, end ${shown(end)}, peak ${shown(Math.max(rss.peak, end))} (${gc}); bound: +${RSS_GROWTH_BOUND_MB} MB`);
    expect((end - rss.start) / MB).toBeLessThan(RSS_GROWTH_BOUND_MB);
  });

  it(
    `both servers stop within ${STOPS_WITHIN_MS} ms: nothing the attacks left behind holds them`,
    async () => {
      const started = performance.now();
      await stopServers();
      expect(performance.now() - started).toBeLessThan(STOPS_WITHIN_MS);
    },
  );
});
