import { describe, expect, it } from 'vitest';
import { defaultLang, loadPreferences, PREFERENCES_STORAGE_KEY, sameCity } from './preferences';

describe('preferences', () => {
  it('defaults the language from the browser languages', () => {
    expect(defaultLang(['fr-CA', 'en'])).toBe('fr');
    expect(defaultLang(['de-DE', 'en-GB'])).toBe('en');
    expect(defaultLang(['de-DE'])).toBe('en');
  });

  it('ignores malformed stored values', () => {
    window.localStorage.setItem(
      PREFERENCES_STORAGE_KEY,
      JSON.stringify({
        temperatureUnit: 'kelvin',
        windUnit: 'mph',
        lang: 'fr',
        theme: 42,
        favourites: [{ name: 'Paris', locationId: 1 }, { nope: true }],
      }),
    );
    expect(loadPreferences()).toEqual({
      temperatureUnit: 'celsius',
      windUnit: 'mph',
      lang: 'fr',
      theme: 'system',
      favourites: [{ name: 'Paris', locationId: 1 }],
    });
  });

  it('survives corrupt JSON', () => {
    window.localStorage.setItem(PREFERENCES_STORAGE_KEY, '{not json');
    expect(loadPreferences().temperatureUnit).toBe('celsius');
  });

  it('tells homonyms apart by GeoNames id', () => {
    const france = { locationId: 2988507, name: 'Paris', admin1: null, country: 'France', countryCode: 'FR' };
    const texas = { locationId: 4717560, name: 'Paris', admin1: 'Texas', country: 'United States', countryCode: 'US' };
    expect(sameCity(france, texas)).toBe(false);
    expect(sameCity(france, { ...france })).toBe(true);
  });
});
