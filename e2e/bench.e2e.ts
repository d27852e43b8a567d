import { expect, test, type Page } from '@playwright/test';
import { sampleBenchReport } from '../test/bench-route/bench-report-fixture';
import { keepScreenshot, PHONE } from './screenshots';

// The /bench page draws a report; the report here is a small hand-made fixture, not a measurement.

const reportFile = (name: string, text: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
const pickReport = (page: Page, name: string, text: string) => page.getByLabel('Report file').setInputFiles(reportFile(name, text));

test('/bench without a report says how to make one', async ({ page }) => {
  await page.goto('/bench');
  await expect(page.getByRole('link', { name: 'Bench' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('no-report')).toContainText('No benchmark yet');
  await expect(page.getByTestId('no-report')).toContainText('npm run bench');
  // The browser's own measurement is offered next to it, with the playground's lanes.
  await expect(page.getByRole('button', { name: /^Repeat ×/ })).toBeEnabled();
});

test('/bench draws an uploaded report: floors, targets, percentiles, model ceilings and notes', async ({ page }, testInfo) => {
  await page.goto('/bench');
  await pickReport(page, 'bench-latest.json', JSON.stringify(sampleBenchReport()));
  await expect(page.getByText('Showing bench-latest.json')).toBeVisible();

  await expect(page.getByTestId('bench-machine')).toContainText('Fixture CPU @ 3.0GHz × 8');
  await expect(page.getByTestId('reported-targets')).toContainText('2 of 3');
  await expect(page.getByTestId('reported-targets')).toContainText('19,200 rps');
  const floors = page.getByTestId('floor-comparison');
  await expect(floors).toContainText('1 of 3 protocols meet both targets');
  for (const protocol of ['rest', 'grpc', 'websocket']) await expect(page.getByTestId(`floor-${protocol}`).locator('svg')).toBeVisible();
  await expect(page.getByTestId('target-rps')).toContainText('WebSocket');
  await expect(page.getByTestId('target-rps')).toContainText('0.40×');
  await expect(floors.getByRole('table')).toContainText('gRPC');

  await expect(page.getByTestId('percentile-chart').locator('svg')).toBeVisible();
  await expect(page.getByTestId('percentile-table')).toContainText('WebSocket · floor');
  await page.getByRole('group', { name: 'Calls for the latency chart' }).getByRole('button', { name: 'sentiment model' }).click();
  await expect(page.getByTestId('percentile-table')).toContainText('in-process');
  // A lane whose calls all failed: no percentiles to draw, and the first error in the table.
  await expect(page.getByTestId('percentile-chart')).toContainText('no answers at this load');
  await expect(page.getByTestId('percentile-table')).toContainText('UNAVAILABLE: No connection established');

  await expect(page.getByTestId('ceiling-sentiment')).toContainText('0.50×');
  await expect(page.getByTestId('ceiling-linear')).toContainText('0.14×');
  await expect(page.getByTestId('seed-experiment')).toContainText('0.25 s');
  await expect(page.getByTestId('bench-notes')).toContainText('mobilenetv2 is not installed');
  await keepScreenshot(page, testInfo, 'bench-report');
});

test('/bench refuses a wrong file with what is wrong, by picker and by drop', async ({ page }) => {
  await page.goto('/bench');
  await pickReport(page, 'package.json', '{"name": "modelwire"}');
  await expect(page.getByTestId('report-file-problem')).toContainText('package.json is not a benchmark report');

  await pickReport(page, 'broken.json', '{"schema": "modelwire-bench/1", "scen');
  await expect(page.getByTestId('report-file-problem')).toContainText('broken.json is not JSON');
  await expect(page.getByTestId('floor-comparison')).toHaveCount(0);

  const dropped = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    return transfer;
  }, JSON.stringify(sampleBenchReport()));
  await page.locator('.image-drop').dispatchEvent('drop', { dataTransfer: dropped });
  await expect(page.getByText('Showing dropped.json')).toBeVisible();
  await expect(page.getByTestId('report-file-problem')).toHaveCount(0);
});

test('/bench fits a 390 px wide phone without sideways scrolling', async ({ page }, testInfo) => {
  await page.setViewportSize(PHONE);
  await page.goto('/bench');
  await pickReport(page, 'bench-latest.json', JSON.stringify(sampleBenchReport()));
  await expect(page.getByTestId('floor-rest').locator('svg')).toBeVisible();
  // The page's own content (the site header is the layout's): nothing reaches past the viewport, tables scroll inside.
  const widest = await page.evaluate(() => {
    const rightEdge = (element: Element) => (element.parentElement?.closest('.table-scroll') ?? element).getBoundingClientRect().right;
    return Math.max(...Array.from(document.querySelectorAll('#content *'), rightEdge));
  });
  expect(widest).toBeLessThanOrEqual(PHONE.width);
  await keepScreenshot(page, testInfo, 'bench-report');
});
