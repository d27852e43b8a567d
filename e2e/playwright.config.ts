import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { E2E_PORTS, E2E_WEB_URL } from './ports';

// End-to-end: the real API server and the real (production-built) web app, driven in Debian's Chromium.
const root = path.resolve(import.meta.dirname, '..');
const sharedModels = path.resolve(root, '../shared/models/imagenet');
const ports = E2E_PORTS;
const modelsDir = process.env.MODELS_DIR ?? (existsSync(sharedModels) ? sharedModels : path.join(root, 'models'));
const env = {
  ...process.env,
  HOST: '127.0.0.1',
  API_PORT: ports.api,
  WEB_PORT: ports.web,
  GRPC_PORT: ports.grpc,
  MQTT_PORT: ports.mqtt,
  MODELS_DIR: modelsDir,
  DATA_DIR: mkdtempSync(path.join(tmpdir(), 'modelwire-e2e-')),
  NEXT_TELEMETRY_DISABLED: '1',
} as Record<string, string>;


export default defineConfig({
  testDir: '.',
  testMatch: '*.e2e.ts',
  outputDir: path.join(root, 'test-results/e2e'),
  timeout: 90_000,
  expect: { timeout: 20_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: E2E_WEB_URL,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
    },
  },
  webServer: [
    {
      command: 'npx tsx server/main.ts',
      cwd: root,
      env,
      url: `http://127.0.0.1:${ports.api}/healthz`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `npx next build && npx next start --hostname 127.0.0.1 --port ${ports.web}`,
      cwd: root,
      env,
      url: E2E_WEB_URL,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
