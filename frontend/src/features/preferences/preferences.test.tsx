import { describe, expect, it } from 'vitest';
import { defaultLang, loadPreferences, PREFERENCES_STORAGE_KEY } from './preferences';

describe('preferences', () => {
  it('defaults the language from the browser languages', () => {
    expect(defaultLang(['fr-CA', 'en'])).toBe('fr');
    expect(defaultLang(['de-DE', 'en-GB'])).toBe('en');
    expect(defaultLang(['de-DE'])).toBe('en');
  });

  it('ignores malformed stored values', () => {
    window.localStorage.setItem(PREFERENCES_STORAGE_KEY, JSON.stringify({ units: 'kelvin', lang: 'fr', theme: 42 }));
    expect(loadPreferences()).toEqual({ units: 'metric', lang: 'fr', theme: 'system' });
  });

  it('reads the units choice of earlier versions from their temperature unit', () => {
    window.localStorage.setItem(
      PREFERENCES_STORAGE_KEY,
      JSON.stringify({ temperatureUnit: 'fahrenheit', windUnit: 'kmh' }),
    );
    expect(loadPreferences().units).toBe('imperial');
  });

  it('survives corrupt JSON', () => {
    window.localStorage.setItem(PREFERENCES_STORAGE_KEY, '{not json');
    expect(loadPreferences().units).toBe('metric');
  });
});
