import { expect, test, type Browser, type Page } from '@playwright/test';
import { searchFreeText, waitForReport } from './helpers';
import { API_ORIGIN } from './stack';

/** A new browser (its own cookies) that has searched `city` in the SPA: the search's public id. */
async function visitorWhoSearched(
  browser: Browser,
  baseURL: string,
  city: string,
): Promise<{ page: Page; id: string }> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto('/');
  const created = page.waitForResponse(
    (response) => response.request().method() === 'POST' && response.url().endsWith('/api/v1/searches/'),
  );
  await searchFreeText(page, city);
  const search = await (await created).json();
  await waitForReport(page, city);
  return { page, id: search.id };
}

/** What this browser's session gets from the API (cookies are per host, whatever the port). */
const apiText = async (page: Page, path: string) => {
  const response = await page.request.get(`${API_ORIGIN}/api/v1/${path}`);
  return { status: response.status(), text: await response.text() };
};

test.describe('my data is mine', () => {
  test('one browser never sees what another searched, nor reaches it by guessing', async ({ browser, baseURL }) => {
    const alice = await visitorWhoSearched(browser, baseURL!, 'Berlin');
    const bob = await visitorWhoSearched(browser, baseURL!, 'Yakutsk');
    expect(alice.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    // The history page: each sees their own search only.
    for (const [me, mine, theirs] of [
      [alice.page, 'Berlin', 'Yakutsk'],
      [bob.page, 'Yakutsk', 'Berlin'],
    ] as const) {
      await me.goto('/history');
      const history = me.getByRole('main');
      await expect(history.getByRole('link', { name: mine })).toBeVisible();
      await expect(history.getByRole('link', { name: theirs })).toHaveCount(0);
    }

    // The search list and both exports hold Bob's only.
    for (const path of ['searches/', 'searches/export.csv', 'searches/export.jsonl']) {
      const { status, text } = await apiText(bob.page, path);
      expect(status, path).toBe(200);
      expect(text, path).toContain(bob.id);
      expect(text, path).not.toContain(alice.id);
      expect(text, path).not.toContain('Berlin');
    }

    // Sequential ids reach nothing, Alice's own row id included.
    for (const guess of ['1', '2', '3', '10', '100']) {
      expect((await apiText(bob.page, `searches/${guess}/`)).status, guess).toBe(404);
    }

    // A shared link shows that one search, read-only: it does not join Bob's history.
    await bob.page.goto(`/?city=Berlin&search=${alice.id}`);
    await waitForReport(bob.page, 'Berlin');
    await bob.page.goto('/history');
    await expect(bob.page.getByRole('main').getByRole('link', { name: 'Yakutsk' })).toBeVisible();
    await expect(bob.page.getByRole('main').getByRole('link', { name: 'Berlin' })).toHaveCount(0);

    // The shared reads stay cookie-free: nothing personal is set by them.
    const weather = await bob.page.request.get(`${API_ORIGIN}/api/v1/weather/?city=Berlin`);
    expect(weather.headers()['set-cookie']).toBeUndefined();

    await alice.page.context().close();
    await bob.page.context().close();
  });
});
