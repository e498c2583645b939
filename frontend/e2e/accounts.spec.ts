// Accounts in the SPA against the real stack: sign up, the verification link from the mail
// sink, favourites following the person to a second browser, and the account pages' a11y.
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations, saveScreenshot, searchFreeText, waitForReport } from './helpers';
import { newAddress, signIn, signUp, verifyFromMail } from './people';
import { API_ORIGIN } from './stack';

test.use({ viewport: { width: 390, height: 844 } });

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

test.describe('accounts', () => {
  test('sign up, verify by the emailed link, and find a favourite on a second device', async ({
    page,
    browser,
    baseURL,
  }, testInfo) => {
    const email = newAddress(testInfo.project.name);

    // The server's password rules, shown in words beside the password.
    await page.goto('/account/signup');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill('12345678');
    await page.getByRole('button', { name: 'Create my account' }).click();
    await expect(page.getByText(/This password (is too common|has only digits)/).first()).toBeVisible();

    await signUp(page, email);
    await verifyFromMail(page, email);
    await expect(nav(page).getByRole('link', { name: 'Account' })).toBeVisible();

    // A favourite added while signed in is written to the account.
    await page.goto('/');
    await searchFreeText(page, 'Paris');
    await waitForReport(page, /Paris/);
    await page.getByRole('button', { name: 'Add Paris to favourites' }).click();
    // Written to the account (merged at sign-in, or put right after): read it with this browser's session.
    await expect
      .poll(async () => {
        const response = await page.request.get(`${API_ORIGIN}/api/v1/me/favourites/`);
        return ((await response.json()) as { favourites: { name: string }[] }).favourites.map((f) => f.name);
      })
      .toContain('Paris');

    // Another browser (no shared storage or cookies) signs in and sees it.
    const other = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 } });
    const second = await other.newPage();
    await signIn(second, email);
    await second.goto('/');
    const favourites = second.getByRole('region', { name: 'Favourite cities' });
    await expect(favourites.getByRole('link', { name: /Paris/ })).toBeVisible();
    await saveScreenshot(second, testInfo, 'account-second-device');
    await other.close();
  });

  test('a wrong password is refused in words, and signing out shows the sign-in link again', async ({
    page,
  }, testInfo) => {
    const email = newAddress(`${testInfo.project.name}-out`);
    await signUp(page, email);
    await verifyFromMail(page, email);

    await page.goto('/account');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByText(/You are signed out/)).toBeVisible();
    await expect(nav(page).getByRole('link', { name: 'Sign in' })).toBeVisible();

    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill('not-the-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('The email address or the password is not correct.')).toBeVisible();
  });

  test('the account pages pass axe at 390 px, in English and French', async ({ page }, testInfo) => {
    const email = newAddress(`${testInfo.project.name}-a11y`);
    for (const path of ['/account/signup', '/account/signin', '/account/password']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    }
    await signUp(page, email);
    await verifyFromMail(page, email);
    await page.goto('/account');
    await expect(page.getByRole('link', { name: 'Download my data' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // French: chosen in the header, saved to the account.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await expect(page.getByRole('heading', { level: 1, name: 'Mon compte' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, testInfo, 'account-fr');
    await page.goto('/account/signup');
    await expect(page.getByRole('heading', { level: 1, name: 'Créer un compte' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
});
