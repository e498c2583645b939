import type { ReactNode } from 'react';
import { CountryFlag } from '@/components/ui/country-flag';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { Link } from 'wouter';
import { ErrorNotice } from '@/components/ui/error-notice';
import { LoadingRegion, Skeleton } from '@/components/ui/skeleton';
import { cityHref } from '@/lib/city-url';
import { formatMoment } from '@/lib/format';
import { useI18n } from '@/lib/i18n/use-i18n';
import { useFormatters } from '@/lib/use-formatters';
import type { CurrentConditions, SearchSummary } from '@/types/api';
import { cursorOf, useSearches, type SearchesView } from '../api/get-searches';
import '../history.css';

/** Draws the conditions' icon; the weather feature owns the icons, app/ hands one in. */
export type ConditionsIcon = (current: CurrentConditions) => ReactNode;

function HistoryRow({ search, icon }: { search: SearchSummary; icon?: ConditionsIcon }) {
  const { t, locale } = useI18n();
  const format = useFormatters(search.units);
  const { location, current, processing } = search;
  const comfort = processing.result?.analysis.comfort;

  return (
    <tr>
      <th scope="row">
        <Link href={cityHref({ name: location.name, locationId: location.id })}>
          <CountryFlag countryCode={location.country_code} />
          {location.name}
        </Link>
        <span className="muted history__country">{location.country}</span>
      </th>
      <td>
        <time dateTime={search.created_at}>{formatMoment(search.created_at, locale)}</time>
      </td>
      <td>
        <span className="history__conditions">
          {icon?.(current)}
          <span>
            {format.temperature(current.temperature)} · {current.description}
          </span>
        </span>
      </td>
      <td>
        {processing.status === 'processed' && comfort ? (
          <span className={`badge badge--${comfort}`}>{t(`comfort.${comfort}`)}</span>
        ) : (
          <span className={`status status--${processing.status}`}>{t(`status.${processing.status}`)}</span>
        )}
      </td>
    </tr>
  );
}

type SearchHistoryProps = {
  /** The page's cursor, from a `next` or `previous` link ('' for the newest searches). */
  cursor: string;
  /** Only searches of this city (empty: all). */
  city?: string;
  onCursorChange: (cursor: string) => void;
  view: SearchesView;
  icon?: ConditionsIcon;
};

export function SearchHistory({ cursor, city = '', onCursorChange, view, icon }: SearchHistoryProps) {
  const { t } = useI18n();
  const { data, error, isPending, isPlaceholderData, refetch } = useSearches(cursor, city, view);

  if (isPending) {
    return (
      <LoadingRegion label={t('common.loading')}>
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} height="2.4rem" className="skeleton--row" />
        ))}
      </LoadingRegion>
    );
  }
  if (error) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (data.results.length === 0 && !data.previous) return <p>{t('history.empty')}</p>;

  const previous = cursorOf(data.previous);
  const next = cursorOf(data.next);
  return (
    <div aria-busy={isPlaceholderData}>
      <ScrollRegion className="table-scroll" label={t('history.title')}>
        <table className="history" data-testid="history-table">
          <thead>
            <tr>
              <th scope="col">{t('history.city')}</th>
              <th scope="col">{t('history.searchedAt')}</th>
              <th scope="col">{t('history.conditions')}</th>
              <th scope="col">{t('history.analysis')}</th>
            </tr>
          </thead>
          <tbody>
            {data.results.map((search) => (
              <HistoryRow key={search.id} search={search} icon={icon} />
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <nav className="pagination" aria-label={t('history.pagination')}>
        <button
          type="button"
          className="button"
          disabled={previous === null}
          onClick={() => previous !== null && onCursorChange(previous)}
        >
          {t('history.previous')}
        </button>
        <button
          type="button"
          className="button"
          disabled={next === null}
          onClick={() => next !== null && onCursorChange(next)}
        >
          {t('history.next')}
        </button>
      </nav>
    </div>
  );
}
