import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_ORIGIN, FAKE_OPEN_METEO } from './stack';

const SCREENSHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'test-results', 'screenshots');

type Fault = {
  endpoint: 'forecast' | 'geocoding' | 'all';
  mode: 'status' | 'slow' | 'garbage';
  status?: number;
  delay?: number;
  count?: number | null;
};

async function controlFake(path: string, body?: unknown): Promise<void> {
  const response = await fetch(`${FAKE_OPEN_METEO}/__fake__/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  if (!response.ok) throw new Error(`fake Open-Meteo refused ${path}: ${response.status}`);
}

/** Makes the fake Open-Meteo server fail until reset. */
export const breakUpstream = (fault: Fault) => controlFake('faults', fault);
export const resetUpstream = () => controlFake('reset');

/**
 * Waits until the API reaches Open-Meteo again. A spec that broke the upstream may have
 * opened the API's circuit breaker, which then refuses upstream calls for its cooldown
 * (2 s in the e2e stack, see global-setup.ts) and would fail the next specs. GET /weather/ is a pure read: it records nothing.
 */
export async function waitForUpstream(timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${API_ORIGIN}/api/v1/weather/?city=Paris`);
    // A stale answer means the API fell back to its cache: upstream is still refused.
    if (response.ok && (await response.json()).stale === false) return;
    if (Date.now() > deadline) throw new Error(`the API still cannot reach Open-Meteo (${response.status})`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/**
 * Cities each entry point uses for cache-sensitive checks, so the two runs do not meet:
 * `neverSearched` must have no cached forecast, `searchedTwice` gets one on purpose.
 */
export function citiesFor(testInfo: TestInfo) {
  return testInfo.project.name === 'nginx'
    ? { neverSearched: { query: 'Reykjavik', heading: /Reykjav[ií]k/ }, searchedTwice: 'London' }
    : { neverSearched: { query: 'Sydney', heading: /Sydney/ }, searchedTwice: 'Tokyo' };
}

export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${testInfo.project.name}-${name}.png`), fullPage: true });
}

export const searchBox = (page: Page) => page.getByRole('combobox', { name: 'Search for a city' });

/** Types free text and presses Enter, as a person who ignores the suggestions would. */
export async function searchFreeText(page: Page, city: string): Promise<void> {
  await searchBox(page).fill(city);
  await searchBox(page).press('Enter');
}

export async function waitForReport(page: Page, city: string | RegExp): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: city })).toBeVisible();
  await expect(page.getByTestId('current-temperature')).toBeVisible();
}

/** Runs axe (WCAG 2.x A/AA) and fails on any serious or critical violation. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5),
    }));
  expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
}
