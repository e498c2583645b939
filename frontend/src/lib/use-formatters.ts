import { useMemo } from 'react';
import { useI18n } from '@/lib/i18n/use-i18n';
import { numberFormat } from '@/lib/intl';

/** Unit labels as an API answer gives them, e.g. {temperature: '°F', wind_speed: 'mph'}. */
export type UnitLabels = Partial<Record<string, string>>;

const NO_VALUE = '—';

type Value = number | null | undefined;

/** Rounds half away from zero so -0.5 reads as -1 rather than "-0". */
function roundWhole(value: number): number {
  const rounded = Math.sign(value) * Math.round(Math.abs(value));
  return Object.is(rounded, -0) ? 0 : rounded;
}

/**
 * Number formatters for values the API has already converted to the reader's units,
 * labelled with the units the same answer names. Nothing is converted here.
 */
export function useFormatters(units: UnitLabels) {
  const { locale } = useI18n();
  const temperatureUnit = units.temperature ?? '';
  const windUnit = units.wind_speed ?? '';
  const precipitationUnit = units.precipitation ?? '';
  return useMemo(() => {
    const wholeFormat = numberFormat(locale);
    const whole = (value: number) => wholeFormat.format(roundWhole(value));
    const deltaFormat = numberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
    // Inches need one more decimal than millimetres to show a light shower at all.
    const precipitationDigits = precipitationUnit === 'in' ? 2 : 1;
    const precipitationFormat = numberFormat(locale, {
      minimumFractionDigits: precipitationDigits,
      maximumFractionDigits: precipitationDigits,
    });
    const percentFormat = numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    return {
      temperature: (value: Value) =>
        value === null || value === undefined ? NO_VALUE : `${whole(value)}${temperatureUnit}`,
      /** Without the C/F letter, where the unit is already stated (lists, charts). */
      degrees: (value: Value) => (value === null || value === undefined ? NO_VALUE : `${whole(value)}°`),
      temperatureDelta: (value: number) => `${deltaFormat.format(value)}${temperatureUnit}`,
      wind: (value: Value) => (value === null || value === undefined ? NO_VALUE : `${whole(value)} ${windUnit}`),
      precipitation: (value: Value) =>
        value === null || value === undefined ? NO_VALUE : `${precipitationFormat.format(value)} ${precipitationUnit}`,
      percent: (value: Value) => (value === null || value === undefined ? NO_VALUE : percentFormat.format(value / 100)),
      temperatureUnit,
    };
  }, [locale, temperatureUnit, windUnit, precipitationUnit]);
}
