import { describe, expect, it } from 'vitest';
import { describeWeather, KNOWN_WMO_CODES } from './wmo';

describe('describeWeather', () => {
  it('describes codes in English and French', () => {
    expect(describeWeather(3, 'en')).toMatchObject({ icon: 'cloudy', description: 'Overcast', known: true });
    expect(describeWeather(3, 'fr').description).toBe('Couvert');
    expect(describeWeather(61, 'fr').description).toBe('Pluie faible');
    expect(describeWeather(95, 'en').icon).toBe('thunderstorm');
  });

  it('picks day or night icons and wording', () => {
    expect(describeWeather(0, 'en', true)).toMatchObject({ icon: 'clear-day', description: 'Clear sky' });
    expect(describeWeather(0, 'en', false)).toMatchObject({ icon: 'clear-night', description: 'Clear night' });
    expect(describeWeather(2, 'fr', false)).toMatchObject({
      icon: 'partly-cloudy-night',
      description: 'Partiellement nuageux',
    });
    expect(describeWeather(80, 'en', false).icon).toBe('showers-night');
  });

  it('falls back for unknown or missing codes', () => {
    expect(describeWeather(42, 'en')).toEqual({ icon: 'unknown', description: 'Unknown conditions', known: false });
    expect(describeWeather(null, 'fr')).toMatchObject({ description: 'Conditions inconnues', known: false });
  });

  it('covers every WMO code Open-Meteo documents', () => {
    const documented = [
      0, 1, 2, 3, 45, 48, 51, 53, 55, 56, 57, 61, 63, 65, 66, 67, 71, 73, 75, 77, 80, 81, 82, 85, 86, 95, 96, 99,
    ];
    expect([...KNOWN_WMO_CODES].sort((a, b) => a - b)).toEqual(documented);
    for (const code of documented) {
      expect(describeWeather(code, 'en').description).not.toBe(describeWeather(code, 'fr').description);
    }
  });
});
