import { expect, test } from '@playwright/test';
import { saveScreenshot, searchBox, searchFreeText, waitForReport } from './helpers';
import { API_ORIGIN } from './stack';

test.describe('weather search', () => {
  test('autocomplete tells homonyms apart, then shows weather, forecast and the analysis', async ({ page }, testInfo) => {
    await page.goto('/');
    await expect(page.getByTestId('sample-data-banner')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Weather data by Open-Meteo.com' })).toHaveAttribute('href', 'https://open-meteo.com/');

    await searchBox(page).pressSequentially('Paris', { delay: 30 });
    const options = page.getByRole('listbox', { name: 'Matching cities' }).getByRole('option');
    // The gazetteer knows many places called Paris; each option names its region and country.
    await expect(options.filter({ hasText: 'Île-de-France, France' })).toHaveCount(1);
    // SVG flags, loaded and drawn (an emoji would show as letters on many desktops).
    for (const region of ['Île-de-France, France', 'Texas, United States']) {
      const flag = options.filter({ hasText: region }).locator('img.flag');
      await expect(flag).toHaveAttribute('src', /\.svg$/);
      await expect.poll(() => flag.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    }
    await saveScreenshot(page, testInfo, 'autocomplete');

    const texasIndex = (await options.allTextContents()).findIndex((text) => text.includes('Texas'));
    for (let i = 0; i <= texasIndex; i++) await searchBox(page).press('ArrowDown');
    await expect(options.nth(texasIndex)).toHaveAttribute('aria-selected', 'true');
    const created = page.waitForResponse(
      (response) => response.request().method() === 'POST' && response.url().endsWith('/api/v1/searches/'),
    );
    await searchBox(page).press('Enter');
    const search = await (await created).json();

    // The URL names the place and the stored search, so reloading or sharing only reads it.
    await expect(page).toHaveURL(new RegExp(`[?&]location_id=4717560\\b.*[?&]search=${search.id}\\b`));
    await waitForReport(page, 'Paris');
    await expect(page.getByText('Texas, United States', { exact: true })).toBeVisible();
    // Created pending; the worker may finish before the page shows "running", so the
    // analysis arriving without a reload is checked below.
    expect(search.processing.status).toBe('pending');

    // Current conditions, in the city's own wall-clock time (the browser runs in Auckland).
    await expect(page.getByTestId('current-temperature')).toHaveText(/^-?\d+°C$/);
    await expect(page.getByText(/^Feels like -?\d+°C$/)).toBeVisible();
    // The hour as the locale writes it: "2:00" before 10 o'clock, not "02:00".
    const [hour, minute] = String(search.current.time).slice(11, 16).split(':');
    await expect(page.getByText(new RegExp(`^Observed at 0?${Number(hour)}:${minute} local time$`))).toBeVisible();
    await expect(page.getByText('(UTC-06:00)')).toBeVisible();
    await expect(page.getByTestId('current-wind')).toContainText('km/h');

    // Forecast: 48-hour chart and seven days.
    await expect(page.getByRole('img', { name: /Next 48 hours/ })).toBeVisible();
    const days = page.getByTestId('daily-forecast').getByRole('listitem');
    await expect(days).toHaveCount(7);
    await expect(days.first()).toContainText('Today');
    await expect(days.first()).toContainText(/Sunrise \d{1,2}:\d{2}/);

    // The worker's analysis arrives without a reload.
    const analysis = page.getByTestId('analysis-result');
    await expect(analysis).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('analysis-running')).toBeHidden();
    await expect(analysis).toContainText('Comfort');
    // The count the worker recorded, worded in the singular on a fresh database.
    const processed = await (await page.request.get(`${API_ORIGIN}/api/v1/searches/${search.id}/`)).json();
    const count: number = processed.processing.result.statistics.search_count;
    const wording = `${count} ${count === 1 ? 'search' : 'searches'} of this city so far`;
    await expect(analysis.getByText(new RegExp(`^${wording}\\.`))).toBeVisible();
    await saveScreenshot(page, testInfo, 'weather');

    // Reloading reads the same search again: nothing new is recorded.
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('/api/v1/searches/')) posts.push(request.url());
    });
    await page.reload();
    await waitForReport(page, 'Paris');
    await expect(page.getByTestId('analysis-result')).toBeVisible();
    expect(posts).toEqual([]);
  });

  test('a city link sends its search and the health check once', async ({ page }) => {
    const sent: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/api/')) sent.push(`${request.method()} ${path}`);
    });
    await page.goto('/?city=Paris');
    await waitForReport(page, 'Paris');
    await expect(page.getByTestId('sample-data-banner')).toBeVisible();
    const search = new URL(page.url()).searchParams.get('search');
    expect(sent.filter((line) => line === 'GET /api/v1/health/')).toHaveLength(1);
    expect(sent.filter((line) => line === 'POST /api/v1/searches/')).toHaveLength(1);

    // A stored search's link reads it once, too (processed by then: no polling).
    await expect(page.getByTestId('analysis-result')).toBeVisible();
    sent.length = 0;
    await page.reload();
    await waitForReport(page, 'Paris');
    expect(sent.filter((line) => line === 'GET /api/v1/health/')).toHaveLength(1);
    expect(sent.filter((line) => line.startsWith('POST'))).toEqual([]);
    expect(sent.filter((line) => line === `GET /api/v1/searches/${search}/`)).toHaveLength(1);
  });

  test('Enter on free text searches the best match, and Back returns to the previous city', async ({ page }) => {
    await page.goto('/?city=Paris');
    await waitForReport(page, 'Paris');
    await expect(page).toHaveURL(/location_id=2988507/);

    await searchFreeText(page, 'berl');
    await waitForReport(page, 'Berlin');
    await expect(page).toHaveURL(/city=Berlin/);

    await page.goBack();
    await waitForReport(page, 'Paris');
    await expect(page.getByText('Île-de-France, France', { exact: true })).toBeVisible();
    await expect(searchBox(page)).toHaveValue('Paris');
  });

  test('units and language re-read the same search from the server and are remembered', async ({ page }) => {
    await page.goto('/?city=Berlin');
    await waitForReport(page, 'Berlin');
    await expect(page).toHaveURL(/[?&]search=[0-9a-f-]{36}/);
    const url = page.url();
    const celsius = Number((await page.getByTestId('current-temperature').textContent())?.replace('°C', ''));
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('/api/v1/searches/')) posts.push(request.url());
    });

    await page.getByRole('combobox', { name: 'Temperature unit' }).selectOption('fahrenheit');
    await page.getByRole('combobox', { name: 'Wind speed unit' }).selectOption('mph');
    await expect(page.getByTestId('current-temperature')).toHaveText(/°F$/);
    const fahrenheit = Number((await page.getByTestId('current-temperature').textContent())?.replace('°F', ''));
    // Both are shown rounded to whole degrees: up to 0.5 °C × 1.8 + 0.5 °F apart.
    expect(Math.abs(fahrenheit - (celsius * 9) / 5 - 32)).toBeLessThanOrEqual(1.4);
    await expect(page.getByTestId('current-wind')).toContainText('mph');

    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    // The server words the weather in French for the same search.
    await expect(page.getByTestId('current-temperature')).toBeVisible();
    expect(page.url()).toBe(url);
    expect(posts).toEqual([]);
    await expect(page.getByRole('heading', { name: 'Conditions actuelles' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Prévisions sur 7 jours' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Principale' }).getByRole('link', { name: 'Historique' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

    await page.reload();
    await expect(page.getByRole('heading', { name: 'Conditions actuelles' })).toBeVisible();
    await expect(page.getByTestId('current-temperature')).toHaveText(/°F$/);
  });

  test("the analysis reads in the search's units and language, worded by the server", async ({ page }) => {
    await page.goto('/?city=Yakutsk');
    await waitForReport(page, 'Yakutsk');
    const analysis = page.getByTestId('analysis-result');
    await expect(analysis).toBeVisible({ timeout: 30_000 });
    await expect(analysis.locator('.notifications')).toContainText('Frost expected in Yakutsk');

    await page.getByRole('combobox', { name: 'Temperature unit' }).selectOption('fahrenheit');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await expect(analysis.locator('.notifications')).toContainText('Gel attendu à Yakutsk');
    await expect(analysis.locator('.notifications')).toContainText('°F');
    await expect(analysis).not.toContainText('°C');
  });

  test('favourite cities are kept across visits', async ({ page }) => {
    await page.goto('/?city=Yakutsk');
    await waitForReport(page, 'Yakutsk');
    await page.getByRole('button', { name: 'Add Yakutsk to favourites' }).click();
    await page.goto('/');
    const favourites = page.getByRole('region', { name: 'Favourite cities' });
    await favourites.getByRole('link', { name: /Yakutsk/ }).click();
    await waitForReport(page, 'Yakutsk');
  });

  test('is usable at 360 px wide', async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto('/?city=Phoenix');
    await waitForReport(page, 'Phoenix');
    await expect(page.getByTestId('analysis-result')).toBeVisible({ timeout: 30_000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(searchBox(page)).toBeInViewport();
    await saveScreenshot(page, testInfo, 'weather-mobile');
  });
});
