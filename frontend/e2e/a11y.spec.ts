import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, saveScreenshot, waitForReport } from './helpers';

test.describe('accessibility (axe)', () => {
  test('the weather screen, light and dark', async ({ page }, testInfo) => {
    await page.goto('/?city=Paris');
    await waitForReport(page, 'Paris');
    await expect(page.getByTestId('analysis-result')).toBeVisible({ timeout: 30_000 });
    await expectNoSeriousA11yViolations(page);

    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, testInfo, 'weather-dark');
  });

  test('the search suggestions', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('combobox', { name: 'Search for a city' }).pressSequentially('Lon', { delay: 20 });
    await expect(page.getByRole('listbox').getByRole('option').first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test('the history page', async ({ page }) => {
    // The history is the visitor's own: search once, so the table has a row.
    await page.goto('/?city=Paris');
    await waitForReport(page, 'Paris');
    await page.goto('/history');
    await expect(page.getByTestId('history-table')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test('the statistics page', async ({ page }) => {
    await page.goto('/stats');
    await expect(page.getByTestId('total-searches')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test('an error state', async ({ page }) => {
    await page.goto('/?city=Nowhereville');
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
});
