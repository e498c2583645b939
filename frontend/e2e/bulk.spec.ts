import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { saveScreenshot } from './helpers';
import { API_ORIGIN, E2E_ADMIN, FAKE_OPEN_METEO, NGINX_ORIGIN } from './stack';

/** Every upstream answer takes this long, so a refresh is seen while it runs. */
const setUpstreamLatency = async (seconds: number) => {
  const response = await fetch(`${FAKE_OPEN_METEO}/__fake__/latency`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ seconds }),
  });
  expect(response.ok).toBe(true);
};

test.afterEach(() => setUpstreamLatency(0));

const FAVOURITES_KEY = 'weather-app:favourites';

/** Favourites as the SPA keeps them (GeoNames ids the fake upstream knows), each searched
 * first in this browser: a visitor refreshes only places their session has searched. */
async function keepFavourites(page: Page, favourites: { locationId: number; name: string }[]) {
  for (const city of favourites) {
    await page.goto(`/?location_id=${city.locationId}&city=${city.name}`);
    await expect(page).toHaveURL(/[?&]search=/);
  }
  await page.goto('/');
  await page.evaluate(
    ([key, cities]) =>
      window.localStorage.setItem(
        key,
        JSON.stringify(cities.map((city) => ({ ...city, admin1: null, country: null, countryCode: null }))),
      ),
    [FAVOURITES_KEY, favourites] as const,
  );
  await page.reload();
}

test.describe('SPA', () => {
  test('refreshes all favourites with a live progress bar', async ({ page }, testInfo) => {
    await keepFavourites(page, [
      { locationId: 2950159, name: 'Berlin' },
      { locationId: 2013159, name: 'Yakutsk' },
    ]);
    await expect(page.getByRole('region', { name: 'Favourite cities' }).getByRole('listitem')).toHaveCount(2);
    await setUpstreamLatency(1.5);
    const refresh = page.getByTestId('refresh-favourites');
    await refresh.getByRole('button', { name: 'Refresh all favourites' }).click();

    const running = refresh.getByRole('progressbar', { name: /^Refreshing: [01] of 2$/ });
    await expect(running).toBeVisible();
    await expect(running).toHaveAttribute('max', '2');
    await saveScreenshot(page, testInfo, 'refresh-running');
    const done = refresh.getByRole('progressbar', { name: 'Refreshed 2 of 2' });
    await expect(done).toBeVisible({ timeout: 30_000 });
    await expect(done).toHaveAttribute('value', '2');
    await expect(refresh.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
  });

  test('downloads the filtered history as CSV and JSON', async ({ page }) => {
    const stored = await page.request.post(`${API_ORIGIN}/api/v1/searches/`, { data: { city: 'Phoenix' } });
    expect(stored.status()).toBe(201);
    await page.goto('/history');
    await page.getByLabel('Filter by city').fill('Phoenix');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/\/history\?city=Phoenix$/);

    for (const [name, extension] of [
      ['Download CSV', 'csv'],
      ['Download JSON', 'jsonl'],
    ] as const) {
      const download = page.waitForEvent('download');
      await page.getByRole('link', { name }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe(`weather-searches-phoenix.${extension}`);
      const text = readFileSync((await file.path())!, 'utf8');
      if (extension === 'csv') {
        expect(text.startsWith('id,created_at,query,location_id,city,')).toBe(true);
        expect(text).toContain(',Phoenix,');
      } else {
        const rows = text
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line));
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.every((row) => row.city === 'Phoenix')).toBe(true);
      }
    }
  });
});

test.describe('admin', () => {
  test.beforeEach(async ({ page }, testInfo) => {
    // The admin (and its static files) is served behind nginx; once is enough.
    test.skip(testInfo.project.name !== 'nginx', 'the admin entry point runs once');
    for (const city of ['Berlin', 'Yakutsk']) {
      // The session the first search starts takes the CSRF token on its next writes.
      const csrf = (await page.context().cookies(API_ORIGIN)).find((c) => c.name === 'csrftoken');
      const headers = csrf ? { 'X-CSRFToken': csrf.value } : undefined;
      const stored = await page.request.post(`${API_ORIGIN}/api/v1/searches/`, { data: { city }, headers });
      expect(stored.status()).toBe(201);
    }
    await page.goto(`${NGINX_ORIGIN}/admin/login/`);
    await page.getByLabel('Username').fill(E2E_ADMIN.username);
    await page.getByLabel('Password').fill(E2E_ADMIN.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('heading', { name: 'Site administration' })).toBeVisible();
  });

  test('refreshes selected locations and follows the progress bar', async ({ page }, testInfo) => {
    await page.goto(`${NGINX_ORIGIN}/admin/weather/location/`);
    // Only these two: refreshing every stored place would warm the cities other specs need cold.
    for (const city of ['Berlin', 'Yakutsk']) {
      // By the place's own name: "Mitte, Berlin, Germany" is another row.
      await page.getByRole('checkbox', { name: new RegExp(`- ${city}, `) }).check();
    }
    await page.locator('select[name="action"]').selectOption('refresh_forecasts');
    await setUpstreamLatency(1.5);
    await page.getByRole('button', { name: 'Go' }).click();

    await expect(page).toHaveURL(/\/admin\/weather\/bulkrefresh\/[0-9a-f-]+\/change\/$/);
    const bar = page.locator('progress[data-refresh-status-url]');
    await expect(bar).toBeVisible();
    await saveScreenshot(page, testInfo, 'admin-refresh');
    await expect(page.locator('#refresh-progress-label')).toHaveText('SUCCESS: 2 / 2 refreshed, 0 failed', {
      timeout: 30_000,
    });
    expect(await bar.getAttribute('value')).toBe(await bar.getAttribute('max'));
  });

  test('exports the selected searches as CSV', async ({ page }) => {
    await page.goto(`${NGINX_ORIGIN}/admin/weather/weathersearch/`);
    await page.locator('#action-toggle').check();
    await page.locator('select[name="action"]').selectOption('export_searches_csv');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Go' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('weather-searches.csv');
    const text = readFileSync((await file.path())!, 'utf8');
    expect(text.split('\r\n')[0]).toBe(
      'id,created_at,query,location_id,city,country,latitude,longitude,observed_at,temperature_c,' +
        'apparent_temperature_c,relative_humidity_pct,precipitation_mm,wind_speed_kmh,wind_direction_deg,' +
        'weather_code,weather_description,stale,processing_status',
    );
    expect(text).toContain(',Berlin,');
  });
});
