import { expect, test } from '@playwright/test';
import {
  breakUpstream,
  citiesFor,
  resetUpstream,
  saveScreenshot,
  searchBox,
  searchFreeText,
  waitForReport,
  waitForUpstream,
} from './helpers';

test.describe('error states', () => {
  test.afterEach(async () => {
    await resetUpstream();
    // Waiting out the API's circuit breaker may take its whole cooldown.
    test.info().setTimeout(test.info().timeout + 15_000);
    await waitForUpstream();
  });

  test('an unknown city is explained', async ({ page }, testInfo) => {
    await page.goto('/');
    await searchBox(page).pressSequentially('Nowhereville', { delay: 20 });
    await expect(page.getByText('No matching city', { exact: true }).first()).toBeVisible();
    await searchBox(page).press('Enter');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('City not found');
    await expect(alert).toContainText('We couldn’t find “Nowhereville”.');
    await saveScreenshot(page, testInfo, 'error-city-not-found');
  });

  test('an unavailable weather service is explained, and Try again recovers', async ({ page }, testInfo) => {
    const { neverSearched } = citiesFor(testInfo);
    await breakUpstream({ endpoint: 'forecast', mode: 'status', status: 503, count: null });
    await page.goto(`/?city=${neverSearched.query}`);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Weather service unavailable');
    await saveScreenshot(page, testInfo, 'error-upstream');

    await resetUpstream();
    // The API shares a failed fetch with concurrent callers for two seconds; let that pass.
    await page.waitForTimeout(2500);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await waitForReport(page, neverSearched.heading);
  });

  test('a stale forecast is served and flagged when upstream fails', async ({ page }, testInfo) => {
    const { searchedTwice } = citiesFor(testInfo);
    await page.goto(`/?city=${searchedTwice}`);
    await waitForReport(page, searchedTwice);
    await expect(page.getByTestId('stale-notice')).toBeHidden();

    await breakUpstream({ endpoint: 'forecast', mode: 'status', status: 503, count: null });
    // The e2e stack keeps forecasts fresh for one second only.
    await page.waitForTimeout(1500);
    // A new search of the same city (a reload would only read the stored one).
    await page.goto(`/?city=${searchedTwice}`);
    await waitForReport(page, searchedTwice);
    await expect(page.getByTestId('stale-notice')).toContainText('Stale data');
  });

  test('rate limiting shows how long to wait', async ({ page }, testInfo) => {
    // The real API allows plenty of requests in e2e: answer this one check with a 429.
    // The SPA sends its session cookie, so a cross-origin answer names the origin, never '*'.
    await page.route(/\/api\/v1\/searches\/$/, (route) =>
      route.fulfill({
        status: 429,
        contentType: 'application/json',
        headers: {
          'Retry-After': '42',
          'Access-Control-Allow-Origin': route.request().headers()['origin'] ?? '*',
          'Access-Control-Allow-Credentials': 'true',
          'Access-Control-Expose-Headers': 'Retry-After',
        },
        body: JSON.stringify({
          error: { code: 'throttled', message: 'Too many requests.', fields: {}, retry_after: 42 },
        }),
      }),
    );
    await page.goto('/?city=Paris');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Too many requests');
    await expect(alert).toContainText(/Please wait 4[0-2] seconds before trying again\./);
    await expect(alert.getByRole('button', { name: 'Try again' })).toBeDisabled();
    await saveScreenshot(page, testInfo, 'error-rate-limited');
  });

  test('going offline is explained, and the app recovers', async ({ page, context }, testInfo) => {
    await page.goto('/?city=Paris');
    await waitForReport(page, 'Paris');
    // The whole report drawn, its lazily loaded cards too, before the network goes.
    await expect(page.getByTestId('more-weather')).toBeVisible();

    await context.setOffline(true);
    await expect(page.getByTestId('offline-banner')).toBeVisible();
    await searchFreeText(page, 'Berlin');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('You are offline');
    await saveScreenshot(page, testInfo, 'error-offline');

    await context.setOffline(false);
    await expect(page.getByTestId('offline-banner')).toBeHidden();
    await alert.getByRole('button', { name: 'Try again' }).click();
    await waitForReport(page, 'Berlin');
  });
});
