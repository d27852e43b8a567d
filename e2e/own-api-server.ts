import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { freePort } from '../scripts/support/free-port';
import { E2E_PORTS, E2E_WEB_URL } from './ports';

// A second API server that a test may kill and start again (the run's own server must stay up for the other tests),
// with the web app's pages pointed at it: the page's HTML names the API's URL, and a route rewrites that one address.

const root = path.resolve(import.meta.dirname, '..');
const sharedModels = path.resolve(root, '../shared/models/imagenet');

/**
 * Chromium's Local Network Access checks treat a page a route fulfilled as public, and hold its calls to 127.0.0.1
 * waiting for a permission prompt; tests that rewrite pages run in a Chromium without those checks.
 */
export const LAUNCH_FOR_REWRITTEN_PAGES = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage', '--disable-features=LocalNetworkAccessChecks'],
};

export interface OwnApiServer {
  url: string;
  start(): Promise<void>;
  /** SIGKILL, as a crash: no goodbye on any socket. */
  kill(): Promise<void>;
  /** Points every page of `page` at this server instead of the run's. */
  routePagesTo(page: Page): Promise<void>;
}

export async function ownApiServer(): Promise<OwnApiServer> {
  const ports = { api: await freePort(), grpc: await freePort(), mqtt: await freePort() };
  const url = `http://127.0.0.1:${ports.api}`;
  const env = {
    ...process.env,
    HOST: '127.0.0.1',
    API_PORT: String(ports.api),
    GRPC_PORT: String(ports.grpc),
    MQTT_PORT: String(ports.mqtt),
    // The web app's origin, which this server's CORS must let in.
    WEB_PORT: E2E_PORTS.web,
    MODELS_DIR: process.env.MODELS_DIR ?? (existsSync(sharedModels) ? sharedModels : path.join(root, 'models')),
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'modelwire-e2e-own-')),
  };
  let child: ChildProcess | undefined;

  async function answers(): Promise<boolean> {
    try {
      return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) })).ok;
    } catch {
      return false;
    }
  }

  return {
    url,
    async start() {
      child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: root, env, stdio: 'ignore' });
      const deadline = Date.now() + 90_000;
      while (!(await answers())) {
        if (child.exitCode !== null) throw new Error(`the API server exited with ${child.exitCode}`);
        if (Date.now() > deadline) throw new Error(`the API server at ${url} did not answer within 90 s`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
    async kill() {
      const running = child;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
    async routePagesTo(page) {
      const runApiHost = `127.0.0.1:${E2E_PORTS.api}`;
      await page.route(`${E2E_WEB_URL}/**`, async (route) => {
        if (route.request().resourceType() !== 'document') return route.fallback();
        const response = await route.fetch();
        const body = (await response.text()).replaceAll(runApiHost, `127.0.0.1:${ports.api}`);
        await route.fulfill({ response, body });
      });
    },
  };
}
