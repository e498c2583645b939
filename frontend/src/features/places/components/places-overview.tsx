import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { ErrorNotice } from '@/components/ui/error-notice';
import { LoadingRegion, Skeleton } from '@/components/ui/skeleton';
import { cityHref } from '@/lib/city-url';
import { useI18n } from '@/lib/i18n/use-i18n';
import { dateTimeFormat, numberFormat } from '@/lib/intl';
import type { PlaceOverview } from '@/types/more-weather';
import { MAX_OVERVIEW_PLACES, useOverview, type OverviewView } from '../api/get-overview';
import '../places.css';

const NO_VALUE = '—';

/** Draws a weather code (the weather feature's icons, passed in by app/). */
export type IconOf = (weatherCode: number | null) => ReactNode;

function PlaceCard({ place, iconOf }: { place: PlaceOverview; iconOf: IconOf }) {
  const { t, locale } = useI18n();
  const degrees = (value: number | null) =>
    value === null ? NO_VALUE : `${numberFormat(locale).format(Math.round(value))}°`;
  const rainAt = place.next_rain
    ? dateTimeFormat(locale, { weekday: 'short', hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(
        // The wall clock of the place, whatever the browser's zone (see lib/format.ts).
        new Date(`${place.next_rain.slice(0, 16)}:00Z`),
      )
    : null;
  return (
    <li className="place-card" data-testid="place-card">
      <h2 className="place-card__name">
        <Link href={cityHref({ name: place.name, locationId: place.id })}>{place.name}</Link>
        <span className="place-card__country">{place.country}</span>
      </h2>
      <p className="place-card__now">
        {iconOf(place.weather_code)}
        <span className="place-card__temperature">{degrees(place.temperature)}</span>
      </p>
      <p className="place-card__line">
        {t('places.range', { min: degrees(place.today_min), max: degrees(place.today_max) })}
      </p>
      <p className="place-card__line">{rainAt ? t('places.nextRain', { time: rainAt }) : t('places.noRain')}</p>
      {place.alert && (
        <p className="place-card__alert">
          <span aria-hidden="true">⚠ </span>
          {t('places.alert')}
        </p>
      )}
    </li>
  );
}

type PlacesOverviewProps = { ids: number[]; view: OverviewView; iconOf: IconOf };

/** "All my places": one card per place, all from one request. */
export function PlacesOverview({ ids, view, iconOf }: PlacesOverviewProps) {
  const { t } = useI18n();
  const { data, error, isPending, refetch } = useOverview(ids.slice(0, MAX_OVERVIEW_PLACES), view);

  if (ids.length === 0) return <p className="muted">{t('places.empty')}</p>;
  if (isPending) {
    return (
      <LoadingRegion label={t('common.loading')}>
        <Skeleton height="8rem" />
      </LoadingRegion>
    );
  }
  if (error) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  return (
    <ul className="places" aria-label={t('places.title')}>
      {data.map((place) => (
        <PlaceCard key={place.id} place={place} iconOf={iconOf} />
      ))}
    </ul>
  );
}
