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
    await expect(page.getByText(/^\d+ searches?$/)).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Pagination' })).toContainText(/Page 1 of \d+/);
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
    await expect(page.getByTestId('top-cities').getByRole('listitem').first()).toContainText(/\d+ searches?/);
    await expect(page.getByRole('img', { name: /Searches per day/ })).toBeVisible();
    await expect(page.getByTestId('temperature-ranges').getByRole('listitem').first()).toContainText('°C');

    await page.getByRole('combobox', { name: 'Period' }).selectOption('7');
    await expect(page).toHaveURL(/days=7/);
    await expect(page.getByTestId('total-searches')).toBeVisible();
    await saveScreenshot(page, testInfo, 'stats');
  });
});
