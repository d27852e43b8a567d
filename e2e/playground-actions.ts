import { expect, type Page } from '@playwright/test';
import { sendToAll } from './support';

/** The in-browser lane's switch: off by default, so tests that want the lane turn it on. */
export const browserLaneSwitch = (page: Page) => page.getByRole('switch', { name: /run the model in this browser/ });

export async function turnOnBrowserLane(page: Page): Promise<void> {
  await browserLaneSwitch(page).check();
  await expect(page.getByTestId('panel-browser')).toBeVisible();
}

/** Sends to every lane and waits until every lane has answered (the button is busy until then). */
export async function sendAndWait(page: Page): Promise<void> {
  await sendToAll(page);
  await expect(page.getByRole('button', { name: 'Send to all protocols' })).toHaveAttribute('aria-busy', 'false', { timeout: 90_000 });
}
