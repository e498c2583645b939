import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations, saveScreenshot, waitForReport } from './helpers';
import { API_ORIGIN, FAKE_OPEN_METEO } from './stack';

// Issue 20 on a phone: rain in the next two hours, yesterday, UV, air quality and pollen,
// each unit on its own, "use my location", and every favourite at a glance.
test.use({ viewport: { width: 390, height: 844 } });

const PREFERENCES_KEY = 'weather-app:preferences';
const FAVOURITES_KEY = 'weather-app:favourites';

const RAIN_EN = /^(No rain expected in the next two hours|Rain (from about|now, ).+)$/;
const RAIN_FR = /^(Pas de pluie prévue dans les deux prochaines heures|Pluie (à partir de|en cours, ).+)$/;
const YESTERDAY_EN = /^(\d+° (warmer|colder) than yesterday at this time|Same temperature as yesterday at this time)$/;
const YESTERDAY_FR = /^(\d+° plus (chaud|froid) qu’hier à la même heure|Même température qu’hier à la même heure)$/;
const UV_EN = /^(\d+ \((low|moderate|high|very high|extreme)\)|not available)$/;

async function chooseLanguage(page: Page, lang: 'en' | 'fr'): Promise<void> {
  await page.evaluate(([key, value]) => window.localStorage.setItem(key, JSON.stringify({ lang: value })), [
    PREFERENCES_KEY,
    lang,
  ] as const);
}

/** The fake upstream's call counters. */
async function upstreamCalls(): Promise<Record<string, number>> {
  const response = await fetch(`${FAKE_OPEN_METEO}/__fake__/calls`);
  expect(response.ok).toBe(true);
  return (await response.json()) as Record<string, number>;
}

/** The GeoNames id of the first place the API knows by this name. */
async function placeId(name: string): Promise<number> {
  const response = await fetch(`${API_ORIGIN}/api/v1/locations/?q=${encodeURIComponent(name)}`);
  expect(response.ok).toBe(true);
  const { results } = (await response.json()) as { results: { id: number }[] };
  expect(results.length).toBeGreaterThan(0);
  return results[0]!.id;
}

test.describe('more weather', () => {
  test('a European city: rain strip, yesterday, UV, air quality and pollen, in English and French', async ({
    page,
  }, testInfo) => {
    await page.goto('/');
    await chooseLanguage(page, 'en');
    await page.goto('/?city=Paris');
    await waitForReport(page, 'Paris');

    await expect(page.getByRole('heading', { name: 'Rain in the next two hours' })).toBeVisible();
    await expect(page.getByTestId('rain-sentence')).toHaveText(RAIN_EN);
    await expect(page.getByTestId('rain-bars').locator('.rain__slot')).toHaveCount(8);
    // The table view of the strip, for screen readers and anyone who opens it.
    await page.getByTestId('more-weather').getByText('Show as a table').click();
    await expect(page.getByTestId('more-weather').getByRole('table').getByRole('row')).toHaveCount(9);
    await expect(page.getByTestId('yesterday')).toHaveText(YESTERDAY_EN);
    await expect(page.getByTestId('uv-now')).toHaveText(UV_EN);
    await expect(page.getByTestId('uv-max')).toHaveText(UV_EN);

    const aqi = page.getByTestId('aqi');
    await expect(aqi).toContainText('European air quality index');
    await expect(aqi).toContainText(/\d+ ?(Good|Fair|Moderate|Poor|Very poor|Extremely poor)|not available/);
    await expect(page.getByText('Fine particles (PM2.5)')).toBeVisible();
    // Pollen where the model has it (Europe, in season), else the sentence: never a blank.
    await expect(page.getByTestId('pollen')).toContainText(/Birch|No pollen data here/);
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, testInfo, 'more-weather-en');

    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await expect(page.getByTestId('rain-sentence')).toHaveText(RAIN_FR);
    await expect(page.getByTestId('yesterday')).toHaveText(YESTERDAY_FR);
    await expect(page.getByTestId('aqi')).toContainText('Indice européen de qualité de l’air');
    await expect(page.getByTestId('pollen')).toContainText(/Bouleau|Pas de données de pollens ici/);
    await expect(page.getByRole('heading', { name: 'Indice UV' })).toBeVisible();
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, testInfo, 'more-weather-fr');
  });

  test('a city outside Europe: the US index and no pollen', async ({ page }) => {
    await page.goto('/?city=Chicago');
    await waitForReport(page, 'Chicago');
    await expect(page.getByTestId('aqi')).toContainText('US air quality index');
    await expect(page.getByTestId('pollen')).toContainText('No pollen data here');
    await expect(page.getByTestId('rain-sentence')).toHaveText(RAIN_EN);
  });

  test('each unit is chosen on its own and changes the display', async ({ page }) => {
    await page.goto('/?city=Madrid');
    await waitForReport(page, 'Madrid');
    await expect(page.getByTestId('current-temperature')).toHaveText(/°C$/);

    await page.getByRole('combobox', { name: 'Temperature unit' }).selectOption('fahrenheit');
    await expect(page.getByTestId('current-temperature')).toHaveText(/°F$/);
    // The wind did not change with the temperature.
    await expect(page.getByTestId('current-wind')).toContainText('km/h');

    const wind = page.getByRole('combobox', { name: 'Wind speed unit' });
    for (const [unit, label] of [
      ['ms', 'm/s'],
      ['mph', 'mph'],
      ['kn', 'kn'],
      ['bft', 'Bft'],
    ] as const) {
      await wind.selectOption(unit);
      await expect(page.getByTestId('current-wind')).toContainText(label);
    }

    const precipitation = page.locator('.current .facts__item', { hasText: 'Precipitation' }).locator('dd');
    await expect(precipitation).toHaveText(/ mm$/);
    await page.getByRole('combobox', { name: 'Precipitation unit' }).selectOption('inch');
    await expect(precipitation).toHaveText(/ in$/);
    await expect(page.getByTestId('current-temperature')).toHaveText(/°F$/);

    // Remembered, each on its own.
    await page.reload();
    await expect(page.getByTestId('current-wind')).toContainText('Bft');
    await expect(page.getByTestId('current-temperature')).toHaveText(/°F$/);
    await expect(precipitation).toHaveText(/ in$/);
  });

  test.describe('with the position allowed', () => {
    // In the middle of Berlin; the gazetteer's nearest place may be one of its districts.
    const position = { latitude: 52.5205, longitude: 13.4095 };
    test.use({ geolocation: position, permissions: ['geolocation'] });

    test('"use my location" shows the nearest place', async ({ page }) => {
      const response = await fetch(
        `${API_ORIGIN}/api/v1/locations/nearest/?latitude=${position.latitude}&longitude=${position.longitude}`,
      );
      const { place } = (await response.json()) as { place: { name: string; admin1: string; country: string } };
      expect(place.admin1).toMatch(/Berlin/);
      await page.goto('/');
      await page.getByRole('button', { name: 'Use my location' }).click();
      await waitForReport(page, place.name);
      await expect(page.getByText(`${place.admin1}, ${place.country}`, { exact: true })).toBeVisible();
      await expect(page).toHaveURL(/[?&]location_id=\d+/);
      await expectNoSeriousA11yViolations(page);
    });
  });

  test('"use my location" refused says so in a sentence, in both languages', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Use my location' }).click();
    await expect(page.getByTestId('locate-status')).toHaveText(/did not allow access to your position/);
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await page.getByRole('button', { name: 'Utiliser ma position' }).click();
    await expect(page.getByTestId('locate-status')).toHaveText(/n’a pas autorisé l’accès à votre position/);
  });

  test('the overview of five favourites costs one upstream call', async ({ page }, testInfo) => {
    // Places no other spec searches, different on each entry point: none is in the cache.
    const names =
      testInfo.project.name === 'nginx'
        ? ['Lisbon', 'Vienna', 'Prague', 'Dublin', 'Oslo']
        : ['Rome', 'Warsaw', 'Athens', 'Helsinki', 'Budapest'];
    const favourites = [];
    for (const name of names) {
      favourites.push({ locationId: await placeId(name), name, admin1: null, country: null, countryCode: null });
    }
    await page.goto('/');
    await page.evaluate(([key, cities]) => window.localStorage.setItem(key, JSON.stringify(cities)), [
      FAVOURITES_KEY,
      favourites,
    ] as const);

    const before = await upstreamCalls();
    await page.goto('/places');
    await expect(page.getByRole('heading', { level: 1, name: 'All my places' })).toBeVisible();
    const cards = page.getByTestId('place-card');
    await expect(cards).toHaveCount(5);
    const after = await upstreamCalls();
    expect(after.forecast! - before.forecast!).toBe(1);
    expect(after.forecast_locations! - before.forecast_locations!).toBe(5);

    await expect(cards.first()).toContainText(/Today -?\d+° to -?\d+°/);
    await expect(cards.first()).toContainText(/Rain from|No rain in the forecast/);
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, testInfo, 'places');

    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await expect(page.getByRole('heading', { level: 1, name: 'Tous mes lieux' })).toBeVisible();
    await expect(cards.first()).toContainText(/Aujourd’hui de -?\d+° à -?\d+°/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
