import { describe, expect, it } from 'vitest';
import {
  celsiusToFahrenheit,
  compassPoint,
  convertTemperatureDelta,
  formatPercent,
  formatPrecipitation,
  formatTemperature,
  formatWindSpeed,
  kmhToMph,
} from './units';

describe('unit conversion', () => {
  it.each([
    [0, 32],
    [100, 212],
    [-40, -40],
    [37, 98.6],
  ])('converts %s °C to %s °F', (celsius, fahrenheit) => {
    expect(celsiusToFahrenheit(celsius)).toBeCloseTo(fahrenheit, 5);
  });

  it('converts km/h to mph with the international mile', () => {
    expect(kmhToMph(1.609344)).toBeCloseTo(1, 10);
    expect(kmhToMph(100)).toBeCloseTo(62.137, 3);
  });

  it('scales a temperature difference without the 32° offset', () => {
    expect(convertTemperatureDelta(-3.5, 'fahrenheit')).toBeCloseTo(-6.3, 5);
    expect(convertTemperatureDelta(-3.5, 'celsius')).toBe(-3.5);
  });
});

describe('formatting', () => {
  it('rounds temperatures to whole degrees in the chosen unit', () => {
    expect(formatTemperature(8.1, 'celsius', 'en-GB')).toBe('8°C');
    expect(formatTemperature(8.1, 'fahrenheit', 'en-GB')).toBe('47°F');
    expect(formatTemperature(8.1, 'celsius', 'en-GB', false)).toBe('8°');
  });

  it('never shows minus zero', () => {
    expect(formatTemperature(-0.3, 'celsius', 'en-GB')).toBe('0°C');
    expect(formatTemperature(-0.5, 'celsius', 'en-GB')).toBe('-1°C');
  });

  it('shows a dash for missing values', () => {
    expect(formatTemperature(null, 'celsius', 'en-GB')).toBe('—');
    expect(formatWindSpeed(undefined, 'kmh', 'en-GB')).toBe('—');
    expect(formatPrecipitation(null, 'en-GB')).toBe('—');
    expect(formatPercent(null, 'en-GB')).toBe('—');
  });

  it('formats wind in km/h or mph', () => {
    expect(formatWindSpeed(12.6, 'kmh', 'en-GB')).toBe('13 km/h');
    expect(formatWindSpeed(12.6, 'mph', 'en-GB')).toBe('8 mph');
  });

  it('uses the locale decimal separator for precipitation', () => {
    expect(formatPrecipitation(1.25, 'en-GB')).toBe('1.3 mm');
    expect(formatPrecipitation(1.25, 'fr-FR')).toBe('1,3 mm');
  });

  it('formats percentages from 0–100 values', () => {
    expect(formatPercent(81, 'en-GB')).toBe('81%');
  });
});

describe('compassPoint', () => {
  it.each([
    [0, 'N'],
    [360, 'N'],
    [230, 'SW'],
    [95, 'E'],
    [-90, 'W'],
    [348.75, 'N'],
    [337, 'NNW'],
  ])('names %s° as %s', (degrees, point) => {
    expect(compassPoint(degrees)).toBe(point);
  });
});
