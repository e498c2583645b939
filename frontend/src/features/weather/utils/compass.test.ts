import { describe, expect, it } from 'vitest';
import { compassPoint, localizeCompass } from './compass';

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

  it('writes west as O in French', () => {
    expect(localizeCompass('WSW', 'fr')).toBe('OSO');
    expect(localizeCompass('WSW', 'en')).toBe('WSW');
  });
});
