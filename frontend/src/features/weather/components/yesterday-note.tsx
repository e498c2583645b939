import { useI18n } from '@/lib/i18n/use-i18n';
import { numberFormat } from '@/lib/intl';
import type { WeatherBody } from '@/types/more-weather';

type YesterdayNoteProps = { yesterday: WeatherBody['yesterday'] };

/**
 * "3° warmer than yesterday at this time", in the temperature unit of the answer (the
 * server gives the difference in it). Nothing when yesterday is not known.
 */
export function YesterdayNote({ yesterday }: YesterdayNoteProps) {
  const { t, locale } = useI18n();
  if (!yesterday || !Number.isFinite(yesterday.difference)) return null;
  const { difference } = yesterday;
  const rounded = Math.round(Math.abs(difference));
  const value = `${numberFormat(locale).format(rounded)}°`;
  const key = rounded === 0 ? 'yesterday.same' : difference > 0 ? 'yesterday.warmer' : 'yesterday.colder';
  return (
    <p className="current__yesterday" data-testid="yesterday">
      {t(key, { value })}
    </p>
  );
}
