import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';

// Screenshots CI keeps as artifacts: test-results/ is the Playwright output folder's parent, uploaded whole.
const SCREENSHOTS_DIR = path.resolve(import.meta.dirname, '../test-results/screenshots');

export const DESKTOP = { width: 1440, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;
export const VIEWPORTS = [DESKTOP, PHONE] as const;

/** A full-page screenshot named after what it shows and the viewport's width, saved and attached to the report. */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const file = path.join(SCREENSHOTS_DIR, `${name}-${page.viewportSize()?.width ?? 'unknown'}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(path.basename(file), { path: file, contentType: 'image/png' });
}

/** How far the page scrolls sideways: 0 when nothing is wider than the viewport. */
export const sidewaysOverflow = (page: Page): Promise<number> =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
