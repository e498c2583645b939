import { useState, type FormEvent } from 'react';
import { useLocation, useSearch } from 'wouter';
import { HistoryDownloads } from '@/features/history/components/history-downloads';
import { unitParams, usePreferences } from '@/features/preferences/preferences';
import { SearchHistory } from '@/features/history/components/search-history';
import { WeatherIcon } from '@/features/weather/components/weather-icon';
import { weatherIconName } from '@/features/weather/utils/weather-icon-name';
import { useI18n } from '@/lib/i18n/use-i18n';
import { useDocumentTitle } from '@/lib/use-document-title';

function historyHref(cursor: string, city: string): string {
  const params = new URLSearchParams();
  if (city) params.set('city', city);
  if (cursor) params.set('cursor', cursor);
  const qs = params.toString();
  return qs ? `/history?${qs}` : '/history';
}

export default function HistoryRoute() {
  const { t, lang } = useI18n();
  const units = unitParams(usePreferences().preferences);
  const [, navigate] = useLocation();
  const params = new URLSearchParams(useSearch());
  const cursor = params.get('cursor') ?? '';
  const city = params.get('city')?.trim() ?? '';
  const [draft, setDraft] = useState(city);
  useDocumentTitle(t('history.title'));

  const applyFilter = (event: FormEvent) => {
    event.preventDefault();
    navigate(historyHref('', draft.trim()));
  };

  return (
    <div className="page">
      <h1>{t('history.title')}</h1>
      <div className="history__tools">
        <form className="history__filter" role="search" onSubmit={applyFilter}>
          <label htmlFor="history-city">{t('history.filter')}</label>
          <input
            id="history-city"
            type="search"
            value={draft}
            maxLength={100}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit" className="button">
            {t('history.filterApply')}
          </button>
        </form>
        <HistoryDownloads city={city} />
      </div>
      <SearchHistory
        cursor={cursor}
        city={city}
        onCursorChange={(next) => navigate(historyHref(next, city))}
        view={{ lang, ...units }}
        icon={(current) => <WeatherIcon name={weatherIconName(current.weather_code, current.is_day)} size={28} />}
      />
    </div>
  );
}
