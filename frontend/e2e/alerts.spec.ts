// The alerts page against the real stack: the invitation to sign in, adding and deleting a
// subscription, a test notification delivered by the worker, axe at 390 px in both languages.
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations, saveScreenshot } from './helpers';
import { newAddress, signUp, verifyFromMail } from './people';

test.use({ viewport: { width: 390, height: 844 } });

async function signedUp(page: Page, tag: string): Promise<string> {
  const email = newAddress(tag);
  await signUp(page, email);
  await verifyFromMail(page, email);
  return email;
}

const yourAlerts = (page: Page) => page.getByRole('region', { name: /^(Your alerts|Vos alertes)$/ });

test.describe('alerts page', () => {
  test('invites a signed-out visitor to sign in', async ({ page }) => {
    await page.goto('/alerts');
    await expect(page.getByText('Sign in to get weather alerts by email or on this device.')).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name: 'Sign in' })).toHaveAttribute(
      'href',
      '/account/signin',
    );
    await expectNoSeriousA11yViolations(page);
  });

  test('adds and deletes a subscription, and sends a test notification', async ({ page }, testInfo) => {
    await signedUp(page, `${testInfo.project.name}-alerts`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Weather alerts' })).toBeVisible();
    await expect(yourAlerts(page).getByText('No alerts yet. Add one below.')).toBeVisible();

    // The place from the city search's suggestions, then the rule.
    await page.getByRole('combobox', { name: 'Search for a city' }).pressSequentially('Paris', { delay: 20 });
    await page
      .getByRole('option', { name: /Paris.*France/ })
      .first()
      .click();
    await expect(page.getByText(/^Place: Paris/)).toBeVisible();
    await page.getByLabel('Rule').selectOption('frost');
    await page.getByLabel('Threshold (°C)').fill('-3');
    await page.getByRole('radio', { name: '48 hours' }).check();
    await page.getByRole('button', { name: 'Add the alert' }).click();
    const item = yourAlerts(page).getByRole('listitem');
    await expect(item).toHaveText(/Frost: minimum at or below -3 °C, within the next 48 hours/);
    await expect(item).toContainText('By email');

    // An absurd threshold is refused by the server, in words beside the field.
    await page.getByRole('combobox', { name: 'Search for a city' }).pressSequentially('Paris', { delay: 20 });
    await page
      .getByRole('option', { name: /Paris.*France/ })
      .first()
      .click();
    await page.getByLabel('Threshold (°C)').fill('-400');
    await page.getByRole('button', { name: 'Add the alert' }).click();
    await expect(page.getByLabel('Threshold (°C)')).toHaveAttribute('aria-invalid', 'true');

    // A test notification goes out through the worker and shows in the list.
    await page.getByRole('button', { name: 'Send a test notification' }).click();
    await expect(page.getByText(/Test sent to your channels/)).toBeVisible();
    const deliveries = page.getByRole('region', { name: 'Last notifications' });
    await expect(deliveries.getByRole('row', { name: /Test/ }).first()).toBeVisible({ timeout: 30_000 });
    await saveScreenshot(page, testInfo, 'alerts');

    await item.getByRole('button', { name: 'Delete the alert for Paris' }).click();
    await expect(yourAlerts(page).getByText('No alerts yet. Add one below.')).toBeVisible();
  });

  test('an unsubscribe link that is not valid says so in words, at 360 px, in both languages', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/alerts/unsubscribe?token=not-a-signed-token');
    await expect(page.getByRole('heading', { level: 1, name: 'Stop an alert' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('This link is not valid');
    await expect(page.getByRole('button', { name: 'Stop this alert' })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await expect(page.getByRole('alert')).toContainText('Ce lien n’est pas valide');
    await expectNoSeriousA11yViolations(page);
  });

  test('passes axe at 390 px in English and French', async ({ page }, testInfo) => {
    await signedUp(page, `${testInfo.project.name}-alerts-a11y`);
    await page.goto('/alerts');
    await expect(page.getByRole('heading', { level: 1, name: 'Weather alerts' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Push on this device' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await expect(page.getByRole('heading', { level: 1, name: 'Alertes météo' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await saveScreenshot(page, testInfo, 'alerts-fr');
  });
});
