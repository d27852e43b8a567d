import { expect, test, type Page } from '@playwright/test';
import { keepScreenshot, VIEWPORTS } from './screenshots';

// The look of issue 11: colours follow the OS's light or dark setting, and every control reached by the keyboard
// shows where the focus is.

/** The relative luminance (0 black .. 1 white) of a computed `rgb(...)` colour. */
function luminance(color: string): number {
  const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((channel) => {
    const value = Number(channel) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

const pageColors = (page: Page) =>
  page.evaluate(() => {
    const style = getComputedStyle(document.body);
    return { background: style.backgroundColor, text: style.color };
  });

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the site follows the OS's ${colorScheme} colour scheme, text readable on its background`, async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme });
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      for (const url of ['/', '/stream', '/learn/grpc']) {
        await page.goto(url);
        await expect(page.locator('h1').first()).toBeVisible();
        const { background, text } = await pageColors(page);
        const [lighter, darker] = [luminance(background), luminance(text)].sort((a, b) => b - a) as [number, number];
        expect((lighter + 0.05) / (darker + 0.05), `${url} contrast`).toBeGreaterThan(7);
        if (colorScheme === 'dark') expect(luminance(background), url).toBeLessThan(0.05);
        else expect(luminance(background), url).toBeGreaterThan(0.8);
        await keepScreenshot(page, testInfo, `${colorScheme}-${url === '/' ? 'playground' : url.slice(1).replaceAll('/', '-')}`);
      }
    }
  });
}

test('every control reached with Tab shows a visible focus outline', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Send to all protocols' })).toBeVisible();
  const seen: string[] = [];
  for (let step = 0; step < 25; step++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      // The development server's overlay (nextjs-portal) is not part of the site.
      if (!element || element === document.body || element.tagName === 'NEXTJS-PORTAL') return undefined;
      // A radio's or checkbox's focus is drawn on the label around it, a larger mark than the box itself.
      const shown = element.matches("label input:is([type='radio'], [type='checkbox'])") ? (element.closest('label') as HTMLElement) : element;
      const style = getComputedStyle(shown);
      return { name: `${element.tagName.toLowerCase()} ${element.textContent?.trim().slice(0, 30) ?? ''}`, outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    if (!focus) continue;
    seen.push(focus.name);
    expect(focus.outline, `${focus.name} has no focus outline`).not.toBe('none');
    expect(focus.width, focus.name).toBeGreaterThanOrEqual(2);
  }
  expect(seen.length).toBeGreaterThan(10);
  expect(seen.some((name) => name.startsWith('a Skip to content'))).toBe(true);
});
