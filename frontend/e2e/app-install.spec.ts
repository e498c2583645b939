// The installable app on both entry points: the manifest and its icons, an active service
// worker controlling the page, the last forecast of a favourite read offline with its age,
// the "new version" prompt when a new service worker is deployed, the server's own paths
// never answered with the app shell, and robots.txt as text.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForReport } from './helpers';
import { STACK } from './stack';

// Both entry points serve the build server/prepare.py copied here.
const SERVED = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'var', `spa-${STACK.spaPort}`);
const CITY = 'Yakutsk';
const THREE_HOURS_LATER_MS = 3 * 3600_000 + 5 * 60_000;

/** Waits until the service worker (registered after the first paint) controls the page. */
async function waitForWorker(page: Page): Promise<{ state: string | undefined; scriptURL: string | undefined }> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return { state: registration.active?.state, scriptURL: navigator.serviceWorker.controller?.scriptURL };
  });
}

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(bytes: Buffer): string {
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

test.describe('installable app', () => {
  test('meets the install criteria: manifest, icons, an active worker in control', async ({ page }) => {
    await page.goto('/');
    const worker = await waitForWorker(page);
    expect(worker.state).toBe('activated');
    expect(worker.scriptURL).toMatch(/\/sw\.js$/);

    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    const response = await page.request.get(href!);
    expect(response.headers()['content-type']).toContain('application/manifest+json');
    const manifest = await response.json();
    expect(manifest).toMatchObject({
      name: 'Weather',
      short_name: 'Weather',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      lang: 'en',
      theme_color: '#1a5bb8',
      background_color: '#f3f5f9',
    });
    const icons = manifest.icons as { src: string; sizes: string; type: string; purpose?: string }[];
    expect(icons.map((icon) => `${icon.sizes} ${icon.purpose ?? 'any'}`).sort()).toEqual([
      '192x192 any',
      '512x512 any',
      '512x512 maskable',
    ]);
    for (const icon of icons) {
      const image = await page.request.get(icon.src);
      expect(image.headers()['content-type']).toBe('image/png');
      expect(pngSize(await image.body())).toBe(icon.sizes);
    }
    await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', '#1a5bb8');
  });

  test('offline, a favourite shows its last forecast and how old it is', async ({ page, context }, testInfo) => {
    const french = testInfo.project.name === 'nginx'; // one language per entry point
    await page.goto('/');
    await waitForWorker(page);
    // The worker keeps what the page reads: the stored search's first poll, half a second
    // after the answer that created it.
    const firstRead = page.waitForResponse(
      (r) => r.request().method() === 'GET' && /\/api\/v1\/searches\/[^/?]+\//.test(r.url()) && r.ok(),
    );
    await page.goto(`/?city=${CITY}`);
    await waitForReport(page, CITY);
    await page.getByRole('button', { name: `Add ${CITY} to favourites` }).click();
    await expect(page).toHaveURL(/search=/);
    await firstRead;
    if (french) {
      const read = page.waitForResponse((r) => /\/api\/v1\/searches\/.*lang=fr/.test(r.url()) && r.ok());
      await page.getByLabel('Language').selectOption('fr');
      await read;
      await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    }

    await context.setOffline(true);
    await page.clock.setFixedTime(Date.now() + THREE_HOURS_LATER_MS);
    await page.reload();
    await waitForReport(page, CITY);
    const age = page.getByTestId('forecast-age');
    await expect(age).toHaveText(
      french ? 'Hors ligne : bulletin mis à jour il y a 3 heures.' : 'Offline: this forecast was updated 3 hours ago.',
    );

    // From the home page, the favourite opens the forecast kept for it.
    await page.goto('/');
    const favourites = page.getByRole('region', { name: french ? 'Villes favorites' : 'Favourite cities' });
    await favourites.getByRole('link', { name: new RegExp(CITY) }).click();
    await waitForReport(page, CITY);
    await expect(age).toBeVisible();
    await expect(page).toHaveURL(/search=/);

    await context.setOffline(false);
    await page.reload();
    await waitForReport(page, CITY);
    await expect(age).toBeHidden();
  });

  test('a new service worker deployed shows the update prompt; reloading takes it', async ({ page }) => {
    await page.goto('/');
    const before = await waitForWorker(page);
    const workerFile = join(SERVED, 'sw.js');
    const deployed = readFileSync(workerFile, 'utf8');
    // A new build: the app shell's revision changes (same length, so servers keep no stale size).
    const revision = deployed.match(/"revision":"([0-9a-f]{32})","url":"index\.html"/);
    expect(revision, 'the precache manifest names index.html with its revision').not.toBeNull();
    const old = revision![1]!;
    const next = old.slice(0, -1) + (old.endsWith('0') ? '1' : '0');
    writeFileSync(workerFile, deployed.replace(old, next));
    try {
      await expect(page.getByTestId('update-prompt')).toBeHidden();
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
      const prompt = page.getByTestId('update-prompt');
      await expect(prompt).toContainText('A new version of the app is available.');
      await Promise.all([page.waitForEvent('load'), prompt.getByRole('button', { name: 'Reload' }).click()]);
      await expect(prompt).toBeHidden();
      const after = await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return { waiting: registration?.waiting ?? null, active: registration?.active?.state };
      });
      expect(after).toEqual({ waiting: null, active: 'activated' });
      expect(before.scriptURL).toMatch(/\/sw\.js$/);
    } finally {
      writeFileSync(workerFile, deployed);
    }
  });

  test('a Web Push message shows its alert, naming the page a click opens', async ({ page, context }, testInfo) => {
    await context.grantPermissions(['notifications']);
    await page.goto('/');
    await waitForWorker(page);
    const cdp = await context.newCDPSession(page);
    // The first update may list the registrations without ours yet: wait for the one that has it.
    const ours = new Promise<{ registrationId: string }>((found) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', (event) => {
        const mine = event.registrations.find(
          (r) => r.scopeURL.startsWith(testInfo.project.use.baseURL!) && !r.isDeleted,
        );
        if (mine) found(mine);
      });
    });
    await cdp.send('ServiceWorker.enable');
    const registration = await ours;
    const payload = { title: 'Frost in Yakutsk', body: 'Down to -41 °C tomorrow', url: '/alerts', tag: 'alert-7' };
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: new URL(page.url()).origin,
      registrationId: registration.registrationId,
      data: JSON.stringify(payload),
    });
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const shown = await (await navigator.serviceWorker.ready).getNotifications();
          return shown.map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data, icon: n.icon }));
        }),
      )
      .toEqual([
        {
          title: payload.title,
          body: payload.body,
          tag: payload.tag,
          data: { url: '/alerts' },
          icon: expect.stringMatching(/\/icons\/icon-192\.png$/),
        },
      ]);
  });

  test('a forecast opened on a phone moves nothing once drawn (CLS at most 0.01)', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.addInitScript(() => {
      const shifts: number[] = [];
      (window as unknown as { __shifts: number[] }).__shifts = shifts;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!entry.hadRecentInput) shifts.push(entry.value);
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`/?city=${CITY}`);
    await waitForReport(page, CITY);
    await expect(page.getByTestId('sample-data-banner')).toBeVisible();
    await page.waitForTimeout(1000); // charts and late answers settle
    const shifts = await page.evaluate(() => (window as unknown as { __shifts: number[] }).__shifts);
    expect(shifts.reduce((sum, value) => sum + value, 0)).toBeLessThanOrEqual(0.01);
  });

  test("the server's own paths are never the app shell; robots.txt is text", async ({ page, context }, testInfo) => {
    await page.goto('/');
    await waitForWorker(page);

    const robots = await page.goto('/robots.txt');
    expect(robots!.fromServiceWorker()).toBe(false);
    expect(robots!.headers()['content-type']).toContain('text/plain');
    const rules = await robots!.text();
    for (const line of ['User-agent: *', 'Allow: /', 'Disallow: /api/', 'Disallow: /_allauth/', 'Disallow: /admin/']) {
      expect(rules.split('\n')).toContain(line);
    }

    for (const path of ['/admin/', '/api/v1/health/', '/_allauth/browser/v1/config']) {
      const answer = await page.goto(path);
      expect(answer!.fromServiceWorker(), path).toBe(false);
    }
    // Only nginx proxies these to Django (vite preview answers its own index.html).
    if (testInfo.project.name === 'nginx') {
      expect(await (await page.goto('/admin/'))!.text()).not.toContain('id="root"');
      expect((await page.goto('/api/v1/health/'))!.headers()['content-type']).toContain('application/json');
    }

    // Offline, the app's routes still open from the cache; the server's paths fail.
    await page.goto('/');
    await context.setOffline(true);
    const route = await page.goto('/history');
    expect(route!.fromServiceWorker()).toBe(true);
    expect(await route!.text()).toContain('id="root"');
    for (const path of ['/admin/', '/api/v1/health/', '/_allauth/browser/v1/config', '/robots.txt', '/metrics']) {
      await expect(page.goto(path), path).rejects.toThrow(/ERR_INTERNET_DISCONNECTED|ERR_FAILED/);
    }
    await context.setOffline(false);
  });
});
