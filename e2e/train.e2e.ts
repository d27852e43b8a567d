import { expect, test } from '@playwright/test';

// y = 2·x1 − 3·x2 + 1 exactly, so the trained coefficients and the prediction are known.
const CSV = ['x1,x2,y', '0,0,1', '1,0,3', '0,1,-2', '2,3,-4', '-1,4,-13', '5,-2,17'].join('\n');

test('/train: train on a pasted CSV through GraphQL, then predict through SOAP', async ({ page }) => {
  await page.goto('/train');
  await page.getByLabel('CSV', { exact: true }).fill(CSV);
  await page.getByLabel('Model name').fill('e2e-plane');
  await page.getByRole('group', { name: 'Train through' }).getByRole('radio', { name: 'GraphQL' }).check();
  await page.getByRole('button', { name: /^Train e2e-plane over GraphQL/ }).click();

  const trained = page.getByTestId('train-outcome');
  await expect(trained.getByTestId('result')).toContainText('e2e-plane');
  await expect(trained.getByTestId('r2')).toHaveText('1.0000');

  await page.getByLabel('Features (one row, separated by commas)').fill('10, 20');
  await page.getByRole('group', { name: 'Predict through' }).getByRole('radio', { name: 'SOAP' }).check();
  await page.getByRole('button', { name: 'Predict over SOAP' }).click();
  // 2·10 − 3·20 + 1 = −39
  await expect(page.getByTestId('predict-outcome').getByTestId('result')).toContainText(/-39(\.0+)?\b/);
});
