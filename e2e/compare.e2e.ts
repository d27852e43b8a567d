import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { MAX_IMAGE_BYTES } from '../lib/size-limits';
import { browserLaneSwitch, sendAndWait, turnOnBrowserLane } from './playground-actions';
import { E2E_API_URL } from './ports';
import { DESKTOP, keepScreenshot, sidewaysOverflow, VIEWPORTS } from './screenshots';
import { openPlayground, panel, pickImage, PROTOCOL_LANES, sendToAll, skipWithoutSharedImagenet } from './support';

// Issue 11: the comparison view, checked inputs, cancelling, and the opt-in browser lane, at a desktop and a phone width.

const SENTENCE = 'I absolutely love this wonderful phone, it works great!';
const COLUMNS = ['roundTripMs', 'serverMs', 'requestBytes', 'responseBytes'] as const;

const row = (page: Page, lane: string) => page.getByTestId(`compare-row-${lane}`);
const sendButton = (page: Page) => page.getByRole('button', { name: 'Send to all protocols' });

/** Every request the page makes to the API server and every WebSocket frame it sends, from now on. */
function watchApiTraffic(page: Page): { calls: string[] } {
  const calls: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(E2E_API_URL) && request.method() !== 'GET') calls.push(`${request.method()} ${request.url()}`);
  });
  page.on('websocket', (socket) => socket.on('framesent', () => calls.push(`frame on ${socket.url()}`)));
  return { calls };
}

for (const viewport of VIEWPORTS) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('one row per lane, the best of each column marked, and a pinned send compared', async ({ page }, info) => {
      await openPlayground(page, 'sentiment');
      await page.getByLabel('Text', { exact: true }).fill(SENTENCE);
      await sendAndWait(page);
      for (const lane of PROTOCOL_LANES) {
        await expect(row(page, lane).getByTestId('compare-answer')).toHaveText('positive');
        for (const column of COLUMNS) await expect(row(page, lane).getByTestId(`compare-${column}`)).toContainText(/\d/);
      }
      const comparison = page.getByTestId('comparison');
      for (const column of COLUMNS) expect(await comparison.locator(`[data-testid="compare-${column}"][data-best="true"]`).count()).toBeGreaterThanOrEqual(1);
      await expect(comparison.getByText('★ best').first()).toBeVisible();
      await expect(page.getByTestId('answers-differ')).toHaveCount(0);
      expect(await sidewaysOverflow(page)).toBe(0);
      await keepScreenshot(page, info, 'compare');

      await comparison.getByRole('button', { name: 'Pin this send' }).click();
      await expect(page.getByTestId('comparison-note')).toContainText('pinned at');
      await sendAndWait(page);
      // The same sentence again: the server's prediction cache answers every lane, and each lane says so.
      for (const lane of PROTOCOL_LANES) await expect(row(page, lane).getByTestId('compare-cached')).toBeVisible();
      await expect(page.getByTestId('cached-note')).toBeVisible();
      for (const lane of PROTOCOL_LANES) {
        await expect(row(page, lane).getByTestId('compare-roundTripMs').getByTestId('compare-change')).toHaveText(/^([+−][\d.]+ m?s|±0) vs pinned$/);
        await expect(row(page, lane).getByTestId('compare-requestBytes').getByTestId('compare-change')).toHaveText('±0 vs pinned');
      }
      await keepScreenshot(page, info, 'compare-pinned');
      await comparison.getByRole('button', { name: 'Unpin' }).click();
      await expect(page.getByTestId('compare-change')).toHaveCount(0);
    });

    test('a file that is no image is refused by its first bytes, with no request', async ({ page }, info) => {
      test.skip(skipWithoutSharedImagenet(), 'needs the shared ImageNet model');
      await openPlayground(page, 'mobilenetv2');
      const traffic = watchApiTraffic(page);
      await pickImage(page, { name: 'noise.jpg', mimeType: 'image/jpeg', buffer: randomBytes(10_000) });
      await expect(page.getByTestId('image-problem')).toContainText('noise.jpg is not an image the server can read');
      await sendButton(page).click();
      await expect(page.getByRole('alert').filter({ hasText: 'Drop, choose or paste an image first.' })).toBeVisible();
      await keepScreenshot(page, info, 'refused-bytes');
      expect(traffic.calls).toEqual([]);
      await expect(page.getByTestId('comparison')).toHaveCount(0);
    });

    test('a file over the image limit is refused before it is read, with no request', async ({ page }, info) => {
      test.skip(skipWithoutSharedImagenet(), 'needs the shared ImageNet model');
      await openPlayground(page, 'mobilenetv2');
      const traffic = watchApiTraffic(page);
      const oversize = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(MAX_IMAGE_BYTES - 3)]);
      await pickImage(page, { name: 'huge.jpg', mimeType: 'image/jpeg', buffer: oversize });
      await expect(page.getByTestId('image-problem')).toHaveText('huge.jpg is 15.0 MB; every protocol takes images up to 15.0 MB. Nothing was sent.');
      await sendButton(page).click();
      await expect(page.getByRole('alert').filter({ hasText: 'Drop, choose or paste an image first.' })).toBeVisible();
      await keepScreenshot(page, info, 'refused-size');
      expect(traffic.calls).toEqual([]);
    });
  });
}

test.describe(`at ${DESKTOP.width}×${DESKTOP.height}`, () => {
  test.use({ viewport: DESKTOP });

  test('Cancel stops waiting on every lane: each shows "cancelled" or the answer it had already', async ({ page }, info) => {
    test.skip(skipWithoutSharedImagenet(), 'needs the shared ImageNet model');
    await openPlayground(page, 'mobilenetv2');
    // Noise does not compress: a 2000×2000 PNG of it is about 12 MB, seconds to send six times over.
    const sharp = (await import('sharp')).default;
    const png = await sharp(randomBytes(2000 * 2000 * 3), { raw: { width: 2000, height: 2000, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
    await pickImage(page, { name: 'noise.png', mimeType: 'image/png', buffer: png });
    await expect(sendButton(page)).toBeEnabled({ timeout: 30_000 });
    await sendToAll(page);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(sendButton(page)).toBeEnabled({ timeout: 5_000 });
    const states = await Promise.all(PROTOCOL_LANES.map((lane) => panel(page, lane).locator('.panel-state').innerText()));
    expect(states.every((state) => ['cancelled', 'ok', 'error'].includes(state))).toBe(true);
    expect(states).toContain('cancelled');
    await expect(row(page, PROTOCOL_LANES[states.indexOf('cancelled')]!).getByTestId('compare-answer')).toHaveText('cancelled');
    await keepScreenshot(page, info, 'cancelled');
  });

  test('the browser lane is off by default (no .wasm), remembered once on, and served compressed', async ({ page }, info) => {
    const wasm: string[] = [];
    page.on('request', (request) => void (request.url().endsWith('.wasm') && wasm.push(request.url())));
    await openPlayground(page, 'sentiment');
    await page.getByLabel('Text', { exact: true }).fill(SENTENCE);
    await expect(browserLaneSwitch(page)).not.toBeChecked();
    await expect(panel(page, 'browser')).toHaveCount(0);
    await sendAndWait(page);
    for (const lane of PROTOCOL_LANES) await expect(row(page, lane).getByTestId('compare-answer')).toHaveText('positive');
    await expect(row(page, 'browser')).toHaveCount(0);
    expect(wasm).toEqual([]);

    await turnOnBrowserLane(page);
    await page.reload();
    await expect(browserLaneSwitch(page)).toBeChecked();
    await page.getByRole('radio', { name: /^sentiment\b/ }).check();
    await page.getByLabel('Text', { exact: true }).fill(SENTENCE);
    const wasmResponse = page.waitForResponse((response) => response.url().endsWith('.wasm'), { timeout: 60_000 });
    await sendAndWait(page);
    const response = await wasmResponse;
    expect(response.headers()['content-encoding']).toBe('gzip');
    expect(response.headers()['cache-control']).toContain('immutable');
    await expect(row(page, 'browser').getByTestId('compare-answer')).toHaveText('positive');
    await expect(row(page, 'browser').getByTestId('compare-serverMs')).toContainText('none');
    const browserPanel = panel(page, 'browser');
    await expect(browserPanel.getByTestId('wire').locator('summary')).toContainText('Tensors in and out');
    await expect(browserPanel.locator('.metrics')).toContainText('compute');
    await expect(browserPanel.locator('.metrics')).not.toContainText('request');
    await keepScreenshot(page, info, 'browser-lane-on');
  });

  test('a linear model shows the browser lane as "not available for this model", and does not run it', async ({ page, request }, info) => {
    const trained = await request.post(`${E2E_API_URL}/v1/models/e2e-compare-plane/train`, { data: { X: [[0, 0], [1, 0], [0, 1], [2, 3]], y: [1, 3, -2, -4] } });
    expect(trained.ok()).toBe(true);
    await page.goto('/');
    await turnOnBrowserLane(page);
    await openPlayground(page, 'e2e-compare-plane');
    await expect(panel(page, 'browser').getByTestId('unavailable')).toHaveText('not available for this model');
    await sendAndWait(page);
    for (const lane of PROTOCOL_LANES) await expect(row(page, lane).getByTestId('compare-answer')).toHaveText(/\d/);
    await expect(row(page, 'browser')).toHaveCount(0);
    await expect(panel(page, 'browser').getByTestId('unavailable')).toBeVisible();
    await keepScreenshot(page, info, 'linear-unavailable');
  });
});
