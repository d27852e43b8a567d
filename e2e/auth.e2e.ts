import { expect, test } from '@playwright/test';
import { openPlayground, panel, sendToAll } from './support';

// The e2e server runs with AUTH off (loopback HOST): the sign-in box learns it from the first attempt's 404, and the
// playground answers without any token. At a phone's width, by keyboard only.

test.use({ viewport: { width: 390, height: 844 } });

test('the sign-in box says this server needs no sign-in, and the playground still answers', async ({ page }) => {
  await openPlayground(page, 'sentiment');
  const box = page.getByTestId('sign-in');
  await box.locator('summary').focus();
  await page.keyboard.press('Enter');
  await box.getByLabel('User name').fill('ada');
  await box.getByLabel('Password').fill('correct horse');
  await page.keyboard.press('Enter');

  await expect(box).toContainText('This server needs no sign-in');
  await expect(page.getByLabel('Password')).toHaveCount(0);

  await page.getByLabel('Text', { exact: true }).fill('What a lovely, wonderful day');
  await sendToAll(page);
  for (const lane of ['rest', 'websocket', 'mqtt']) await expect(panel(page, lane).getByTestId('sentiment')).toContainText('positive');
});
