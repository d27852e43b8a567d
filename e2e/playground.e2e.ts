import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { expectRoundTripAndWire, openPlayground, panel, pickImage, PROTOCOL_LANES, resultText, sendToAll, SHARED_PHOTOS, skipWithoutSharedImagenet } from './support';
import { turnOnBrowserLane } from './playground-actions';

const NEEDS_SHARED = 'needs the shared ImageNet model and photos';

const SENTENCE = 'I absolutely love this wonderful phone, it works great!';

test('a sentence goes through all six protocols and the browser lane, with the same label everywhere', async ({ page }) => {
  await openPlayground(page, 'sentiment');
  await turnOnBrowserLane(page);
  await page.getByLabel('Text', { exact: true }).fill(SENTENCE);
  await sendToAll(page);

  for (const lane of PROTOCOL_LANES) {
    await expect(panel(page, lane).getByTestId('sentiment')).toContainText('positive');
    await expectRoundTripAndWire(page, lane);
  }
  // The in-browser lane runs the same ONNX model with onnxruntime-web: same label, no network.
  await expect(panel(page, 'browser').getByTestId('sentiment')).toContainText('positive', { timeout: 60_000 });
  const serverScore = (await resultText(page, 'rest')).match(/score (-?[\d.]+)/)?.[1];
  const browserScore = (await resultText(page, 'browser')).match(/score (-?[\d.]+)/)?.[1];
  expect(serverScore).toBeDefined();
  expect(browserScore).toBe(serverScore);

  await page.screenshot({ path: path.resolve(import.meta.dirname, '../test-results/playground-sentiment.png'), fullPage: true });
});

test('an uploaded ImageNet photo gets the right top-1 label on every protocol', async ({ page }) => {
  test.skip(skipWithoutSharedImagenet(), NEEDS_SHARED);
  await openPlayground(page, 'mobilenetv2');
  await turnOnBrowserLane(page);
  await pickImage(page, path.join(SHARED_PHOTOS, 'n01532829_house_finch.JPEG'));
  await sendToAll(page);
  for (const lane of PROTOCOL_LANES) {
    await expect(panel(page, lane).locator('.label-name').first()).toHaveText('house finch');
    await expectRoundTripAndWire(page, lane);
  }
  await expect(panel(page, 'browser').locator('.label-name').first()).toHaveText('house finch', { timeout: 60_000 });
  await page.screenshot({ path: path.resolve(import.meta.dirname, '../test-results/playground.png'), fullPage: true });
});

test('a 9.7 MB upload gets an answer on every protocol: one image limit (15 MB) on every lane', async ({ page }) => {
  test.skip(skipWithoutSharedImagenet(), NEEDS_SHARED);
  // A 1800×1800 noise PNG is about 9.7 MB: under the image limit every protocol shares (lib/size-limits.ts).
  const noise = randomBytes(1800 * 1800 * 3);
  const png = await sharp(noise, { raw: { width: 1800, height: 1800, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
  expect(png.length).toBeGreaterThan(9 * 1024 * 1024);
  await openPlayground(page, 'mobilenetv2');
  await pickImage(page, { name: 'noise.png', mimeType: 'image/png', buffer: png });
  await sendToAll(page);

  for (const lane of PROTOCOL_LANES) await expect(panel(page, lane).getByTestId('result')).toBeVisible({ timeout: 60_000 });
});
