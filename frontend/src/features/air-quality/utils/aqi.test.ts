import { describe, expect, it } from 'vitest';
import { aqiScaleFor } from './aqi';

describe('aqiScaleFor', () => {
  it('uses the European index for European time zones only', () => {
    expect(aqiScaleFor('Europe/Paris')).toBe('european');
    expect(aqiScaleFor('Europe/Istanbul')).toBe('european');
    expect(aqiScaleFor('America/Chicago')).toBe('us');
    expect(aqiScaleFor('Asia/Tokyo')).toBe('us');
    expect(aqiScaleFor(undefined)).toBe('us');
  });
});
