import { useI18n } from '@/lib/i18n/use-i18n';
import type { WeatherBody } from '@/types/more-weather';

type YesterdayNoteProps = { current: WeatherBody['current']; yesterday: WeatherBody['yesterday'] };

/**
 * "3° warmer than yesterday at this time", in the temperature unit of the answer (the
 * server gives the difference in it). Nothing when either temperature is missing.
 */
export function YesterdayNote({ current, yesterday }: YesterdayNoteProps) {
  const { t, locale } = useI18n();
  if (!yesterday) return null;
  const difference =
    yesterday.difference ??
    (current.temperature !== null && yesterday.temperature !== null
      ? current.temperature - yesterday.temperature
      : null);
  if (difference === null || !Number.isFinite(difference)) return null;
  const rounded = Math.round(Math.abs(difference));
  const value = `${new Intl.NumberFormat(locale).format(rounded)}°`;
  const key = rounded === 0 ? 'yesterday.same' : difference > 0 ? 'yesterday.warmer' : 'yesterday.colder';
  return (
    <p className="current__yesterday" data-testid="yesterday">
      {t(key, { value })}
    </p>
  );
}
