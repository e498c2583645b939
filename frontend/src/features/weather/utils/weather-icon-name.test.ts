import { describe, expect, it } from 'vitest';
import { ICON_WMO_CODES, weatherIconName } from './weather-icon-name';

describe('weatherIconName', () => {
  it('picks the picture for a code', () => {
    expect(weatherIconName(3)).toBe('cloudy');
    expect(weatherIconName(61)).toBe('rain');
    expect(weatherIconName(95)).toBe('thunderstorm');
  });

  it('picks day or night pictures', () => {
    expect(weatherIconName(0, true)).toBe('clear-day');
    expect(weatherIconName(0, false)).toBe('clear-night');
    expect(weatherIconName(2, false)).toBe('partly-cloudy-night');
    expect(weatherIconName(80, false)).toBe('showers-night');
    // Unknown day or night (null): the day picture.
    expect(weatherIconName(0, null)).toBe('clear-day');
  });

  it('falls back for unknown or missing codes', () => {
    expect(weatherIconName(42)).toBe('unknown');
    expect(weatherIconName(null)).toBe('unknown');
  });

  it('covers every WMO code Open-Meteo documents', () => {
    const documented = [
      0, 1, 2, 3, 45, 48, 51, 53, 55, 56, 57, 61, 63, 65, 66, 67, 71, 73, 75, 77, 80, 81, 82, 85, 86, 95, 96, 99,
    ];
    expect([...ICON_WMO_CODES].sort((a, b) => a - b)).toEqual(documented);
  });
});
