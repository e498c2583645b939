import { CountryFlag } from '@/components/ui/country-flag';
import { useDeferredValue, type ReactNode } from 'react';
import { useI18n } from '@/lib/i18n/use-i18n';
import type { Search } from '@/types/api';
import { CurrentConditions } from './current-conditions';
import { DailyForecast } from './daily-forecast';
import { HourlyChart } from './hourly-chart';
import { ProcessingPanel } from './processing-panel';
import { YesterdayNote } from './yesterday-note';
import '../weather.css';

type WeatherReportProps = {
  search: Search;
  /** The analysis is still pending after every poll: see processing-panel. */
  analysisGaveUp: boolean;
  /** Extra controls beside the city name (the favourite toggle lives in another feature). */
  actions?: ReactNode;
  /** More cards below the current conditions (rain soon, UV, air quality: composed in app/). */
  more?: ReactNode;
};

export function WeatherReport({ search, analysisGaveUp, actions, more }: WeatherReportProps) {
  const { t } = useI18n();
  const { location } = search;
  const region = [location.admin1, location.country].filter(Boolean).join(', ');
  const today = search.current.time?.slice(0, 10) ?? null;
  // The hourly chart and the days lie below the fold (on a phone and on a laptop): React
  // draws them in a background render after the report's first paint, in slices that leave
  // the page responsive, instead of one long task. Later renders (polls, language) draw all,
  // and so does a deferred render (home.tsx draws the report in one): already in slices,
  // with a single commit, which measured better than two.
  const drawBelowFold = useDeferredValue(true, false);

  return (
    <article className="report" aria-labelledby="report-title" data-testid="weather-report">
      <header className="report__header">
        <div>
          <h1 id="report-title" className="report__city">
            <CountryFlag countryCode={location.country_code} /> {location.name}
          </h1>
          {region && <p className="report__region">{region}</p>}
        </div>
        {actions}
      </header>
      {search.stale && (
        <p className="notice notice--warning" role="status" data-testid="stale-notice">
          {t('weather.stale')}
        </p>
      )}
      <div className="report__grid">
        <CurrentConditions current={search.current} units={search.units}>
          <YesterdayNote yesterday={search.yesterday} />
        </CurrentConditions>
        <ProcessingPanel processing={search.processing} units={search.units} gaveUp={analysisGaveUp} />
      </div>
      {more}
      {drawBelowFold ? (
        <>
          {search.hourly.length > 0 && <HourlyChart hours={search.hourly} units={search.units} />}
          <DailyForecast days={search.daily} today={today} units={search.units} />
        </>
      ) : (
        <div className="report__below-fold" aria-hidden="true" />
      )}
    </article>
  );
}
