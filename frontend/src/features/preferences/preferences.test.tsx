import { describe, expect, it } from 'vitest';
import { defaultLang, loadPreferences, PREFERENCES_STORAGE_KEY } from './preferences';

describe('preferences', () => {
  it('defaults the language from the browser languages', () => {
    expect(defaultLang(['fr-CA', 'en'])).toBe('fr');
    expect(defaultLang(['de-DE', 'en-GB'])).toBe('en');
    expect(defaultLang(['de-DE'])).toBe('en');
  });

  it('ignores malformed stored values', () => {
    window.localStorage.setItem(
      PREFERENCES_STORAGE_KEY,
      JSON.stringify({ temperatureUnit: 'kelvin', windUnit: 'kn', precipitationUnit: 7, lang: 'fr', theme: 42 }),
    );
    expect(loadPreferences()).toEqual({
      temperatureUnit: 'celsius',
      windUnit: 'kn',
      precipitationUnit: 'mm',
      lang: 'fr',
      theme: 'system',
    });
  });

  it('survives corrupt JSON', () => {
    window.localStorage.setItem(PREFERENCES_STORAGE_KEY, '{not json');
    expect(loadPreferences().temperatureUnit).toBe('celsius');
  });
});
