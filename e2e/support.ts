import { expect, type Locator, type Page } from '@playwright/test';
export { SHARED_PHOTOS_DIR as SHARED_PHOTOS, skipWithoutSharedImagenet } from '../test/support/shared-files';

export const PROTOCOL_LANES = ['rest', 'graphql', 'soap', 'grpc', 'websocket', 'mqtt'] as const;

export const panel = (page: Page, lane: string): Locator => page.getByTestId(`panel-${lane}`);

/** Opens the playground and picks a model once the API server has answered. */
export async function openPlayground(page: Page, model: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('radio', { name: new RegExp(`^${model}\\b`) }).check();
}

export async function sendToAll(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Send to all protocols' }).click();
}

/** Waits until a lane shows a result, and returns its visible text. */
export async function resultText(page: Page, lane: string): Promise<string> {
  const result = panel(page, lane).getByTestId('result');
  await expect(result).toBeVisible();
  return result.innerText();
}

export async function expectRoundTripAndWire(page: Page, lane: string): Promise<void> {
  await expect(panel(page, lane).getByTestId('round-trip')).toHaveText(/\d/);
  const wire = panel(page, lane).getByTestId('wire');
  await wire.locator('summary').first().click();
  await expect(wire).not.toHaveText(/^\s*$/);
  expect((await wire.innerText()).length).toBeGreaterThan(40);
}

/** Picks an image in the playground; the Send button stays disabled until the file has been read. */
export async function pickImage(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await page.getByLabel('Image', { exact: true }).setInputFiles(file);
}
