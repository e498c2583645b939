import { describe, expect, it } from 'vitest';
import { beaufortOf, boundIn, fromMetric, toMetric } from './units';

describe('threshold conversions between the API’s units and the reader’s', () => {
  it('converts temperatures both ways', () => {
    expect(fromMetric(-2, 'fahrenheit')).toBe(28.4);
    expect(fromMetric(0, 'fahrenheit')).toBe(32);
    expect(toMetric(28.4, 'fahrenheit')).toBe(-2);
    expect(toMetric(86, 'fahrenheit')).toBe(30);
    expect(fromMetric(-2, 'celsius')).toBe(-2);
  });

  it('converts wind speeds both ways', () => {
    expect(fromMetric(36, 'ms')).toBe(10);
    expect(toMetric(10, 'ms')).toBe(36);
    expect(fromMetric(50, 'mph')).toBe(31.1);
    expect(toMetric(31.1, 'mph')).toBe(50.05);
    expect(fromMetric(50, 'kn')).toBe(27);
    expect(toMetric(27, 'kn')).toBe(50);
    expect(toMetric(65, 'kmh')).toBe(65);
  });

  it('takes a Beaufort force as its lowest speed in km/h, and shows a speed as its force', () => {
    expect(toMetric(7, 'bft')).toBe(50);
    expect(toMetric(12, 'bft')).toBe(118);
    expect(toMetric(0, 'bft')).toBe(0);
    expect(toMetric(15, 'bft')).toBe(118);
    expect(fromMetric(50, 'bft')).toBe(7);
    expect(fromMetric(49.9, 'bft')).toBe(6);
    expect(beaufortOf(0.5)).toBe(0);
    expect(beaufortOf(130)).toBe(12);
  });

  it('shows the API’s bounds as values the API takes', () => {
    expect(boundIn(10, 'mph', 'min')).toBe(6.3);
    expect(boundIn(250, 'mph', 'max')).toBe(155.3);
    expect(boundIn(10, 'bft', 'min')).toBe(3);
    expect(boundIn(250, 'bft', 'max')).toBe(12);
    expect(boundIn(-60, 'fahrenheit', 'min')).toBe(-76);
    expect(boundIn(1, 'inch', 'min')).toBe(0.04);
  });

  it('converts precipitation both ways', () => {
    expect(fromMetric(10, 'inch')).toBe(0.39);
    expect(toMetric(0.5, 'inch')).toBe(12.7);
    expect(toMetric(12, 'mm')).toBe(12);
  });
});
