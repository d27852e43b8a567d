import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { useApi } from './support/use-api';
import { TestSocket, wsUrlOf } from './websocket-client';

const MB = 1024 * 1024;
/** What the server may grow by while a client floods it and reads nothing (it queues at most 4 MiB of replies). */
const RSS_GROWTH_BOUND = 100 * MB;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('WebSocket /ws backpressure: a client that sends junk and never reads', () => {
  const api = useApi();

  it(`is paused, then disconnected; the server (in this process) grows < ${RSS_GROWTH_BOUND / MB} MB and serves another client meanwhile`, async () => {
    const clients = api().app.websocketServer.clients;
    const othersBefore = clients.size;
    const hog = new WebSocket(wsUrlOf(api().url));
    hog.on('error', () => {});
    await once(hog, 'open');
    hog.pause(); // reads nothing from here on: every error reply the server sends stays queued
    const serverHasHog = () => clients.size > othersBefore;

    const rssBefore = process.memoryUsage().rss;
    let maxRss = rssBefore;
    let frames = 0;
    let servedOther = false;
    const started = performance.now();
    while (serverHasHog() && performance.now() - started < 20_000) {
      // The hog sends whenever its own socket takes more: its sending is bounded by the server reading, not by the test.
      if (hog.readyState === WebSocket.OPEN && hog.bufferedAmount < MB) {
        for (let i = 0; i < 500; i++) hog.send('{"junk": ' + '"x",'.repeat(20));
        frames += 500;
      }
      if (!servedOther && performance.now() - started > 2_000) {
        const other = await TestSocket.open(wsUrlOf(api().url));
        expect(await other.request({ id: 'other', type: 'listModels' })).toMatchObject({ type: 'result' });
        await other.close();
        servedOther = true;
      }
      maxRss = Math.max(maxRss, process.memoryUsage().rss);
      await sleep(1);
    }
    console.info(`junk frames sent: ${frames}; RSS grew ${((maxRss - rssBefore) / MB).toFixed(1)} MB; disconnected after ${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect(serverHasHog()).toBe(false);
    expect(servedOther).toBe(true);
    expect(maxRss - rssBefore).toBeLessThan(RSS_GROWTH_BOUND);
    hog.terminate();
  });
});
