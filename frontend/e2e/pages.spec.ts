import { expect, test } from '@playwright/test';
import { saveScreenshot, waitForReport } from './helpers';

test.describe('history and statistics', () => {
  test('history lists stored searches and links back to the city', async ({ page }, testInfo) => {
    await page.goto('/?city=New%20York');
    await waitForReport(page, 'New York');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
    await expect(page).toHaveURL(/\/history$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Search history' })).toBeVisible();
    const rows = page.getByTestId('history-table').locator('tbody tr');
    await expect(rows.first()).toContainText('New York');
    // Paged by cursor, newest first: the first page has nothing before it.
    const pagination = page.getByRole('navigation', { name: 'Pagination' });
    await expect(pagination.getByRole('button', { name: 'Previous' })).toBeDisabled();
    await saveScreenshot(page, testInfo, 'history');

    await rows.first().getByRole('link', { name: /New York/ }).click();
    await waitForReport(page, 'New York');
  });

  test('statistics show top cities, searches per day and temperature ranges', async ({ page }, testInfo) => {
    await page.goto('/?city=Berlin');
    await waitForReport(page, 'Berlin');
    await page.goto('/stats');
    await expect(page.getByRole('heading', { level: 1, name: 'Statistics' })).toBeVisible();
    await expect(page.getByTestId('total-searches')).toHaveText(/^[1-9]\d*$/);
    await expect(page.getByTestId('top-cities').getByRole('listitem').first()).toContainText(/\d+ search(es)?\b/);
    await expect(page.getByRole('img', { name: /Searches per day/ })).toBeVisible();
    await expect(page.getByTestId('temperature-ranges').getByRole('listitem').first()).toContainText('°C');

    await page.getByRole('combobox', { name: 'Period' }).selectOption('7');
    await expect(page).toHaveURL(/days=7/);
    await expect(page.getByTestId('total-searches')).toBeVisible();
    await saveScreenshot(page, testInfo, 'stats');
  });

  test('on a phone the searches-per-day chart opens on the latest days', async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/?city=Berlin');
    await waitForReport(page, 'Berlin');
    await page.goto('/stats?days=30');
    const chart = page.getByTestId('per-day-chart');
    await expect(chart).toBeVisible();
    // The chart is wider than the phone, so its box scrolls sideways. It must open on the
    // newest bar (today's, since we just searched), not on the oldest days.
    const region = page.locator('.chart-scroll', { has: chart });
    expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth && el.scrollLeft > 0)).toBe(true);
    const box = await region.boundingBox();
    const newest = await chart.locator('rect[data-date]').last().boundingBox();
    expect(box && newest).toBeTruthy();
    expect(newest!.x).toBeGreaterThanOrEqual(box!.x);
    expect(newest!.x + newest!.width).toBeLessThanOrEqual(box!.x + box!.width);
    await saveScreenshot(page, testInfo, 'stats-phone');
  });
});
