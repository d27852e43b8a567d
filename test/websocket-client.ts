import { cp } from 'node:fs/promises';
import path from 'node:path';
import websocket from '@fastify/websocket';
import Fastify from 'fastify';
import { afterAll, beforeAll, inject } from 'vitest';
import WebSocket, { type ClientOptions } from 'ws';
import { readConfig } from '../server/config';
import { createCore } from '../server/create-core';
import type { ConnectionLimits } from '../server/protocols/websocket/connection-limits';
import { websocketAdapter } from '../server/protocols/websocket';
import { makeTempDir, type RunningApi } from './support/start-api';

/** The ws URL of /ws on a running API server's http URL. */
export const wsUrlOf = (httpUrl: string) => `${httpUrl.replace(/^http/, 'ws')}/ws`;

/** A real `ws` client that keeps every JSON message it receives and lets a test wait for the ones it expects. */
export class TestSocket {
  readonly received: any[] = [];
  private waiters: Array<{ match: (message: any) => boolean; resolve: (message: any) => void }> = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString());
      this.received.push(message);
      this.waiters = this.waiters.filter((waiter) => !(waiter.match(message) && (waiter.resolve(message), true)));
    });
    this.closed = new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  static open(url: string, options?: ClientOptions, protocols: string[] = []): Promise<TestSocket> {
    const ws = new WebSocket(url, protocols, options);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new TestSocket(ws)));
      ws.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' || message instanceof Uint8Array ? message : JSON.stringify(message));
  }

  /** The first message received from index `since` on (already here or still to come) that matches, within `timeoutMs`. */
  next(match: (message: any) => boolean, { since = 0, timeoutMs = 10_000 } = {}): Promise<any> {
    const already = this.received.slice(since).find(match);
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(this.received).slice(-500)}`)), timeoutMs);
      this.waiters.push({ match, resolve: (message) => (clearTimeout(timer), resolve(message)) });
    });
  }

  /** Sends a request and resolves with the first later message carrying its id (and matching `also`, when given). */
  request(message: { id: string | number } & Record<string, unknown>, also: (reply: any) => boolean = () => true): Promise<any> {
    const since = this.received.length;
    this.send(message);
    return this.next((reply) => reply.id === message.id && also(reply), { since });
  }

  close(): Promise<unknown> {
    this.ws.close();
    return this.closed;
  }
}

/** A TestSocket on the server's /ws, opened before the enclosing describe's tests and closed after them. */
export function useSocket(api: () => RunningApi): () => TestSocket {
  let socket: TestSocket | undefined;
  beforeAll(async () => {
    socket = await TestSocket.open(wsUrlOf(api().url));
  });
  afterAll(() => socket?.close());
  return () => socket!;
}

/** Just the WebSocket adapter with chosen limits on a real core (for the limits the API server keeps at their defaults). */
export async function startWebSocketOnly(limits: Partial<ConnectionLimits>) {
  const dataDir = await makeTempDir('ws-data');
  await cp(path.join(inject('prebuiltDataDir'), 'sentiment'), path.join(dataDir, 'sentiment'), { recursive: true });
  const core = await createCore({ ...readConfig({} as NodeJS.ProcessEnv), dataDir, modelsDir: await makeTempDir('models-empty') });
  const app = Fastify();
  await app.register(websocket);
  await app.register(websocketAdapter, { core, limits });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  return { url: `ws://127.0.0.1:${address.port}/ws`, close: () => app.close() };
}
