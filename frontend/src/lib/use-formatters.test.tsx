import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '@/lib/i18n/use-i18n';
import type { Lang } from '@/lib/i18n/messages';
import { useFormatters, type UnitLabels } from './use-formatters';

const METRIC = { temperature: '°C', wind_speed: 'km/h', precipitation: 'mm' };
const IMPERIAL = { temperature: '°F', wind_speed: 'mph', precipitation: 'in' };

function formatters(units: UnitLabels, lang: Lang = 'en') {
  const wrapper = ({ children }: { children: ReactNode }) => <I18nProvider lang={lang}>{children}</I18nProvider>;
  return renderHook(() => useFormatters(units), { wrapper }).result.current;
}

describe('useFormatters', () => {
  it('labels values with the units the answer names, converting nothing', () => {
    const metric = formatters(METRIC);
    expect(metric.temperature(8.1)).toBe('8°C');
    expect(metric.wind(12.6)).toBe('13 km/h');
    expect(metric.precipitation(1.25)).toMatch(/^1\.[23] mm$/);
    const imperial = formatters(IMPERIAL);
    expect(imperial.temperature(46.6)).toBe('47°F');
    expect(imperial.wind(7.8)).toBe('8 mph');
    expect(imperial.precipitation(0.05)).toBe('0.05 in');
    expect(imperial.temperatureDelta(-6.3)).toBe('-6.3°F');
  });

  it('never shows minus zero and rounds half away from zero', () => {
    const format = formatters(METRIC);
    expect(format.temperature(-0.4)).toBe('0°C');
    expect(format.temperature(-0.5)).toBe('-1°C');
    expect(format.degrees(2.5)).toBe('3°');
  });

  it('shows a dash for missing values', () => {
    const format = formatters(METRIC);
    expect([
      format.temperature(null),
      format.wind(undefined),
      format.precipitation(null),
      format.percent(null),
    ]).toEqual(['—', '—', '—', '—']);
  });

  it('uses the locale’s decimal separator and percent sign', () => {
    const format = formatters(METRIC, 'fr');
    expect(format.precipitation(1.2)).toBe('1,2 mm');
    expect(format.percent(60)).toMatch(/^60\s?%$/);
  });
});
