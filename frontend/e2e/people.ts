// Account steps the specs share: a fresh address, signing up, the emailed link, signing in.
import { expect, type Page } from '@playwright/test';
import { linkKey, waitForMail } from './mail';

export const PASSWORD = 'plain-sail-47-harbour';

/** A fresh address per run and entry point, so reruns never meet an existing account. */
export const newAddress = (project: string) => `e2e-${project}-${Date.now()}@example.org`;

export async function signUp(page: Page, email: string): Promise<void> {
  await page.goto('/account/signup');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page.getByText(`we sent a link to ${email}`)).toBeVisible();
}

export async function verifyFromMail(page: Page, email: string): Promise<void> {
  const mail = await waitForMail(email, (m) => m.text.includes('/account/verify/'));
  await page.goto(`/account/verify/${linkKey(mail, 'verify')}`);
  await page.getByRole('button', { name: 'Confirm my address' }).click();
  await expect(page.getByText('Your address is confirmed and you are signed in.')).toBeVisible();
}

export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/account/signin');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible();
}
