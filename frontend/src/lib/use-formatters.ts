import { useMemo } from 'react';
import { useI18n } from '@/lib/i18n/use-i18n';
import { usePreferences } from '@/lib/preferences';
import {
  convertTemperatureDelta,
  formatPercent,
  formatPrecipitation,
  formatTemperature,
  formatWindSpeed,
  temperatureSymbol,
} from '@/lib/units';

/** Number formatters that follow the reader's unit and language preferences. */
export function useFormatters() {
  const { preferences } = usePreferences();
  const { locale } = useI18n();
  const { temperatureUnit, windUnit } = preferences;
  return useMemo(
    () => ({
      temperature: (celsius: number | null | undefined) => formatTemperature(celsius, temperatureUnit, locale),
      /** Without the C/F letter, where the unit is already stated (lists, charts). */
      degrees: (celsius: number | null | undefined) => formatTemperature(celsius, temperatureUnit, locale, false),
      temperatureDelta: (celsius: number) => {
        const value = convertTemperatureDelta(celsius, temperatureUnit);
        const text = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(
          value,
        );
        return `${text}${temperatureSymbol(temperatureUnit)}`;
      },
      wind: (kmh: number | null | undefined) => formatWindSpeed(kmh, windUnit, locale),
      precipitation: (mm: number | null | undefined) => formatPrecipitation(mm, locale),
      percent: (value: number | null | undefined) => formatPercent(value, locale),
      temperatureUnit,
    }),
    [locale, temperatureUnit, windUnit],
  );
}
