import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { MAX_IMAGE_BYTES } from '../lib/size-limits';
import { openPlayground, panel, pickImage, PROTOCOL_LANES, skipWithoutSharedImagenet } from './support';
import { sendAndWait, turnOnBrowserLane } from './playground-actions';
import { keepScreenshot } from './screenshots';

// Issue 10: each lane says where its time went (connecting apart, encode, network, server, decode), and a 4000×3000
// photo goes through every lane without the page freezing. Timing values are never asserted, only their structure.

const HTTP_LANES = ['rest', 'graphql', 'soap', 'grpc'] as const;
const PHASES = ['encode', 'network', 'server', 'decode'] as const;
/** The longest main-thread task the page may run while a photo goes out: beyond it, clicks and typing visibly lag. */
const LONGEST_TASK_MS = 200;

const answered = (page: Page, lane: string) => expect(panel(page, lane).getByTestId('result')).toBeVisible({ timeout: 60_000 });

async function expectPhases(page: Page, lane: string): Promise<void> {
  const breakdown = panel(page, lane).getByTestId('timing-breakdown');
  for (const phase of PHASES) await expect(breakdown.getByTestId(`phase-${phase}`)).toHaveText(/\d/);
  const source = (HTTP_LANES as readonly string[]).includes(lane) ? /Server-Timing header/ : /reply's timing fields/;
  await expect(breakdown.getByTestId('phase-server')).toContainText(source);
}

test('every lane shows connect apart on its first call, then encode, network, server and decode', async ({ page }, testInfo) => {
  await openPlayground(page, 'sentiment');
  await turnOnBrowserLane(page);
  await page.getByLabel('Text', { exact: true }).fill('The battery lasts all day and the screen is gorgeous.');
  await sendAndWait(page);
  for (const lane of PROTOCOL_LANES) {
    await answered(page, lane);
    await expectPhases(page, lane);
    await expect(panel(page, lane).getByTestId('phase-connect')).toContainText(/Connected first: [\d.]+ m?s/);
  }
  await expect(panel(page, 'browser').getByTestId('phase-connect')).toContainText('Loaded first', { timeout: 60_000 });
  await keepScreenshot(page, testInfo, 'timing-first-call');

  // The second call finds the WebSocket and the broker connection open and the CORS preflights cached. (The browser's
  // HTTP pool may still open a new TCP connection for a lane: that lane then shows it apart.)
  await sendAndWait(page);
  for (const lane of PROTOCOL_LANES) {
    await expect(panel(page, lane).getByTestId('timing-breakdown')).not.toContainText('CORS preflight');
    await expectPhases(page, lane);
  }
  for (const lane of ['websocket', 'mqtt']) await expect(panel(page, lane).getByTestId('phase-warm')).toBeVisible();
  await expect(panel(page, 'browser').getByTestId('phase-warm')).toContainText('model was already loaded', { timeout: 60_000 });
  await keepScreenshot(page, testInfo, 'timing-warm-call');
});

/** A 4000×3000 JPEG of noise (nothing compresses it): about 12 MB, under the image limit every lane shares. */
async function noisyPhoto(): Promise<Buffer> {
  const [width, height] = [4000, 3000];
  const jpeg = await sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } }).jpeg({ quality: 95 }).toBuffer();
  expect(jpeg.length).toBeGreaterThan(10_000_000);
  expect(jpeg.length).toBeLessThan(MAX_IMAGE_BYTES);
  return jpeg;
}

/** Records every long task (over 50 ms) of the page's main thread from now on. */
const watchLongTasks = (page: Page) =>
  page.evaluate(() => {
    const tasks: number[] = [];
    Object.assign(window, { longTasks: tasks });
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => tasks.push(entry.duration))).observe({ type: 'longtask' });
  });

const longTasks = (page: Page) => page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);

test('a 4000×3000 photo goes to every lane with no long task over 200 ms on the page', async ({ page }, testInfo) => {
  test.skip(skipWithoutSharedImagenet(), 'needs the shared ImageNet model');
  const photo = await noisyPhoto();
  await openPlayground(page, 'mobilenetv2');
  await turnOnBrowserLane(page);
  await pickImage(page, { name: 'noise.jpg', mimeType: 'image/jpeg', buffer: photo });
  const send = page.getByRole('button', { name: 'Send to all protocols' });
  await expect(send).toBeEnabled();

  await watchLongTasks(page);
  await send.click();
  for (const lane of [...PROTOCOL_LANES, 'browser']) await answered(page, lane);
  for (const lane of PROTOCOL_LANES) await expectPhases(page, lane);

  const tasks = await longTasks(page);
  console.log(`long tasks while the photo went out (ms): ${tasks.map((ms) => Math.round(ms)).join(', ') || 'none'}`);
  expect(tasks.filter((ms) => ms > LONGEST_TASK_MS)).toEqual([]);
  await keepScreenshot(page, testInfo, 'timing-photo');
});
