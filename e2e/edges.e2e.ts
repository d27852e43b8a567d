import { expect, test } from '@playwright/test';
import { LAUNCH_FOR_REWRITTEN_PAGES, ownApiServer, type OwnApiServer } from './own-api-server';
import { E2E_API_URL, E2E_PORTS } from './ports';
import { DESKTOP, keepScreenshot, PHONE, sidewaysOverflow, VIEWPORTS } from './screenshots';
import { openPlayground, panel, PROTOCOL_LANES, sendToAll } from './support';

// The edge states of issue 11: GraphiQL offline, a dead API noticed and worded, stream lanes that reconnect by
// themselves, complete /learn pages with the real ports, no sideways scroll at 390 px, a styled 404.

// Two tests point pages at an API server of their own (see own-api-server.ts); launch options can only be set per file.
test.use({ launchOptions: LAUNCH_FOR_REWRITTEN_PAGES });

const STREAM_LANES = ['websocket', 'mqtt', 'grpc', 'graphql'] as const;
const LEARN_PAGES = ['rest', 'graphql', 'soap', 'grpc', 'websocket', 'mqtt', 'oip'].map((slug) => `/learn/${slug}`);
const PAGES = ['/', '/stream', '/train', '/learn', ...LEARN_PAGES, '/bench', '/no-such-page'];
const screenshotName = (url: string) => (url === '/' ? 'playground' : url.slice(1).replaceAll('/', '-'));

for (const viewport of VIEWPORTS) {
  test(`every page at ${viewport.width} px fits the width, and is kept as a screenshot`, async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    await page.setViewportSize(viewport);
    for (const url of PAGES) {
      await page.goto(url);
      await expect(page.locator('h1').first()).toBeVisible();
      if (url === '/') await expect(page.getByRole('button', { name: 'Send to all protocols' })).toBeVisible();
      expect(await sidewaysOverflow(page), `${url} scrolls sideways at ${viewport.width} px`).toBe(0);
      await keepScreenshot(page, testInfo, screenshotName(url));
    }
  });
}

test('GraphiQL at /graphql renders with every request kept on 127.0.0.1 (no CDN)', async ({ page }, testInfo) => {
  const leftTheMachine: string[] = [];
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'blob:' || url.protocol === 'data:' || url.hostname === '127.0.0.1') return route.fallback();
    leftTheMachine.push(url.href);
    return route.abort('internetdisconnected');
  });
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.goto(`${E2E_API_URL}/graphql`);
    await expect(page.locator('.graphiql-container').first()).toBeVisible();
    await expect(page.getByText(/Loading/)).toHaveCount(0);
    await expect(page).toHaveTitle('ModelWire GraphQL');
    await keepScreenshot(page, testInfo, 'graphiql');
  }
  expect(leftTheMachine).toEqual([]);
});

test('/learn: every protocol and OIP has its reference, with the running ports instead of the documented defaults', async ({ page }) => {
  for (const url of LEARN_PAGES) {
    await page.goto(url);
    const reference = page.locator('#reference');
    await expect(reference).not.toContainText('has not been written yet');
    const text = await reference.innerText();
    expect(text.length, url).toBeGreaterThan(2_000);
    expect(text, url).not.toMatch(/(127\.0\.0\.1|localhost):(8080|50051|1883)\b/);
  }
  await page.goto('/learn/rest');
  await expect(page.locator('#reference')).toContainText(`127.0.0.1:${E2E_PORTS.api}/v1/models`);
  await page.goto('/learn/grpc');
  await expect(page.locator('#reference')).toContainText(`127.0.0.1:${E2E_PORTS.grpc}`);
  await page.goto('/learn/soap');
  await expect(page.locator('#reference')).toContainText('soap:Fault');
});

test('an unknown address answers 404 with a page in the site’s own look and the way back', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
  await page.locator('.not-found-places').getByRole('link', { name: 'Playground' }).click();
  await expect(page).toHaveURL(/\/$/);
});

/** Tests whose page talks to an API server they stop and start again, on a desktop viewport. */
const withOwnApi = test.extend<{ api: OwnApiServer }>({
  api: [
    async ({ page }, use) => {
      const api = await ownApiServer();
      await api.start();
      await api.routePagesTo(page);
      await page.setViewportSize(DESKTOP);
      try {
        await use(api);
      } finally {
        await api.kill();
      }
    },
    { timeout: 120_000 },
  ],
});

withOwnApi('a dead API: the header says offline within 2 s, lanes say "API unreachable at …", both recover', async ({ page, api }, testInfo) => {
  test.setTimeout(240_000);
  await openPlayground(page, 'sentiment');
  const status = page.getByTestId('server-status');
  await expect(status).toContainText('online');

  await api.kill();
  const died = Date.now();
  await expect(status).toContainText('offline', { timeout: 2_000 });
  console.info(`header said offline ${Date.now() - died} ms after the API died`);

  await sendToAll(page);
  for (const lane of PROTOCOL_LANES) await expect(panel(page, lane), lane).toContainText(`API unreachable at ${api.url}`);
  await expect(page.getByText(/Failed to fetch/)).toHaveCount(0);
  await keepScreenshot(page, testInfo, 'api-dead-playground');
  await page.setViewportSize(PHONE);
  await keepScreenshot(page, testInfo, 'api-dead-playground');

  await api.start();
  await expect(status).toContainText('online', { timeout: 15_000 });
  await sendToAll(page);
  for (const lane of PROTOCOL_LANES) await expect(panel(page, lane).getByTestId('result'), lane).toBeVisible();
});

withOwnApi('/stream: every lane reconnects by itself after the API restarts, and scores the next text', async ({ page, api }, testInfo) => {
  test.setTimeout(240_000);
  await page.goto('/stream');
  const box = page.getByLabel('Text to stream');
  await box.click();
  await page.keyboard.type('I really love this phone', { delay: 20 });
  const lane = (id: string) => page.getByTestId(`stream-lane-${id}`);
  for (const id of STREAM_LANES) await expect(lane(id).getByTestId('stream-text'), id).toHaveText('I really love this phone', { timeout: 30_000 });

  await api.kill();
  for (const id of STREAM_LANES) {
    await expect(lane(id).getByTestId('stream-connection'), id).toHaveText('reconnecting…', { timeout: 15_000 });
    await expect(lane(id).getByTestId('stream-reconnect'), id).toContainText(`API unreachable at ${api.url}`);
  }
  await keepScreenshot(page, testInfo, 'stream-reconnecting');
  await page.setViewportSize(PHONE);
  await keepScreenshot(page, testInfo, 'stream-reconnecting');
  // The button works while the lane retries by itself: the lane starts over and keeps reconnecting.
  await lane('graphql').getByRole('button', { name: 'Reconnect GraphQL' }).click();

  await api.start();
  for (const id of STREAM_LANES) await expect(lane(id).getByTestId('stream-connection'), id).toHaveText('open', { timeout: 30_000 });
  await box.click();
  await box.press('End');
  await page.keyboard.type(' so much', { delay: 20 });
  for (const id of STREAM_LANES) await expect(lane(id).getByTestId('stream-text'), id).toHaveText('I really love this phone so much', { timeout: 30_000 });
});
