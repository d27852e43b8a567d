import { expect, test } from '@playwright/test';
import { E2E_API_URL } from './ports';

const TRANSPORTS = ['websocket', 'mqtt', 'grpc', 'graphql'] as const;
const SENTENCE = 'I really love this wonderful little phone';

test('/stream: typing updates every transport, and each ends on the full sentence', async ({ page, request }) => {
  // What the model says about the whole sentence, asked once over REST.
  const full = await (await request.post(`${E2E_API_URL}/v1/models/sentiment/predict`, { data: { text: SENTENCE } })).json();

  await page.goto('/stream');
  await page.getByLabel('Text to stream').click();
  await page.keyboard.type(SENTENCE, { delay: 25 });

  for (const transport of TRANSPORTS) {
    const lane = page.getByTestId(`stream-lane-${transport}`);
    await expect(lane.getByTestId('stream-text')).toHaveText(SENTENCE, { timeout: 30_000 });
    await expect(lane.getByTestId('stream-label')).toHaveText(full.output.label);
    await expect(lane.getByTestId('stream-latency')).toHaveText(/\d/);
  }
  await page.screenshot({ path: 'test-results/stream.png', fullPage: true });
});
