import { CountryFlag } from '@/components/ui/country-flag';
import type { ReactNode } from 'react';
import { useI18n } from '@/lib/i18n/use-i18n';
import { useStagedReveal } from '@/lib/use-staged-reveal';
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
  // What lies below the current conditions (the extra cards, then the hourly chart, then the
  // days) is drawn one part per frame after the report's top: on a slow phone each part is
  // then a short task (render, layout, paint) rather than the whole report one long one.
  // Each part keeps its place until drawn, so nothing on screen moves.
  const shown = useStagedReveal(3);

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
      {more && (shown >= 1 ? more : <div className="report__pending report__pending--more" aria-hidden="true" />)}
      {search.hourly.length > 0 &&
        (shown >= 2 ? (
          <HourlyChart hours={search.hourly} units={search.units} />
        ) : (
          <div className="report__pending report__pending--hourly" aria-hidden="true" />
        ))}
      {shown >= 3 ? (
        <DailyForecast days={search.daily} today={today} units={search.units} />
      ) : (
        <div className="report__pending report__pending--daily" aria-hidden="true" />
      )}
    </article>
  );
}
