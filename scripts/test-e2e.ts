// `npm run test:e2e`: the Playwright end-to-end tests in Debian's Chromium. Without a Chromium binary they are skipped
// with the reason printed, or fail under CI=true (CI installs it; `apt-get install chromium` does it on Debian or Ubuntu).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { requirement } from '../test/support/requirements';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (requirement(`Chromium at ${chromium}`, existsSync(chromium), "install Debian's chromium, or set CHROMIUM_PATH")) process.exit(0);
const root = path.resolve(import.meta.dirname, '..');
const result = spawnSync(path.join(root, 'node_modules/.bin/playwright'), ['test', '--config', 'e2e/playwright.config.ts', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
