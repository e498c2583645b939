import { useEffect, useMemo } from 'react';
import { formatDayLabel, formatLocalTime } from '@/lib/format';
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

/** The options of a report's Intl number formatters. */
function numberOptions(precipitationUnit: string) {
  // Inches need one more decimal than millimetres to show a light shower at all.
  const precipitationDigits = precipitationUnit === 'in' ? 2 : 1;
  return {
    whole: undefined,
    delta: { maximumFractionDigits: 1, signDisplay: 'exceptZero' },
    precipitation: { minimumFractionDigits: precipitationDigits, maximumFractionDigits: precipitationDigits },
    percent: { style: 'percent', maximumFractionDigits: 0 },
  } satisfies Record<string, Intl.NumberFormatOptions | undefined>;
}

/** The Intl number formatters of a report, built once each (see lib/intl.ts). */
function numberFormats(locale: string, precipitationUnit: string) {
  const options = numberOptions(precipitationUnit);
  return {
    whole: numberFormat(locale, options.whole),
    delta: numberFormat(locale, options.delta),
    precipitation: numberFormat(locale, options.precipitation),
    percent: numberFormat(locale, options.percent),
  };
}

/**
 * While a report's data is on the way, builds the formatters it will use, one per idle
 * moment: the first formatter of a locale is the costly one, and the report's render, a
 * long task already, then only reuses them.
 */
export function useWarmFormatters() {
  const { locale } = useI18n();
  useEffect(() => {
    // One formatter a step (each first one of a locale costs a long task's worth on a slow
    // phone), formatting once too: ICU prepares some of its data on the first call.
    const steps = [
      ...Object.values(numberOptions('mm')).map((options) => () => numberFormat(locale, options).format(1.5)),
      () => numberFormat(locale, numberOptions('in').precipitation).format(1.5),
      () => formatLocalTime('2000-01-01T00:00', locale),
      () => formatDayLabel('2000-01-01', locale),
    ];
    const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 1));
    const cancel = window.cancelIdleCallback ?? window.clearTimeout;
    let handle = 0;
    const next = () => {
      steps.shift()?.();
      if (steps.length > 0) handle = idle(next);
    };
    handle = idle(next);
    return () => cancel(handle);
  }, [locale]);
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
    const formats = numberFormats(locale, precipitationUnit);
    const whole = (value: number) => formats.whole.format(roundWhole(value));
    return {
      temperature: (value: Value) =>
        value === null || value === undefined ? NO_VALUE : `${whole(value)}${temperatureUnit}`,
      /** Without the C/F letter, where the unit is already stated (lists, charts). */
      degrees: (value: Value) => (value === null || value === undefined ? NO_VALUE : `${whole(value)}°`),
      temperatureDelta: (value: number) => `${formats.delta.format(value)}${temperatureUnit}`,
      wind: (value: Value) => (value === null || value === undefined ? NO_VALUE : `${whole(value)} ${windUnit}`),
      precipitation: (value: Value) =>
        value === null || value === undefined
          ? NO_VALUE
          : `${formats.precipitation.format(value)} ${precipitationUnit}`,
      percent: (value: Value) =>
        value === null || value === undefined ? NO_VALUE : formats.percent.format(value / 100),
      temperatureUnit,
    };
  }, [locale, temperatureUnit, windUnit, precipitationUnit]);
}
