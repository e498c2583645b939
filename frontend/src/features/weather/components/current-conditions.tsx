import { Card } from '@/components/ui/card';
import { formatLocalTime, utcOffsetLabel } from '@/lib/format';
import { useI18n } from '@/lib/i18n/use-i18n';
import { useFormatters } from '@/lib/use-formatters';
import type { ReactNode } from 'react';
import type { CurrentConditions as Current, Units } from '@/types/api';
import { compassPoint, localizeCompass } from '../utils/compass';
import { weatherIconName } from '../utils/weather-icon-name';
import { WeatherIcon } from './weather-icon';
import '../weather.css';

/** Points where the wind blows to: the API gives where it comes from, so turn 180°. */
function WindArrow({ degrees }: { degrees: number }) {
  return (
    <svg
      className="wind-arrow"
      width="18"
      height="18"
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      style={{ transform: `rotate(${degrees + 180}deg)` }}
    >
      <path d="M12 2l6 16-6-4-6 4z" />
    </svg>
  );
}

type CurrentConditionsProps = {
  current: Current;
  units: Units;
  /** More about now, below the facts (yesterday's comparison). */
  children?: ReactNode;
};

export function CurrentConditions({ current, units, children }: CurrentConditionsProps) {
  const { t, lang, locale } = useI18n();
  const format = useFormatters(units);
  const offset = current.time ? utcOffsetLabel(current.time) : '';
  const direction =
    current.wind_direction === null ? null : localizeCompass(compassPoint(current.wind_direction), lang);

  return (
    <Card title={t('weather.current')} className="current">
      <div className="current__main">
        <WeatherIcon name={weatherIconName(current.weather_code, current.is_day)} size={72} />
        <div>
          <p className="current__temperature" data-testid="current-temperature">
            {format.temperature(current.temperature)}
          </p>
          <p className="current__description">{current.description}</p>
          <p className="current__feels">
            {t('weather.feelsLike', { value: format.temperature(current.apparent_temperature) })}
          </p>
        </div>
      </div>
      <dl className="facts">
        <div className="facts__item">
          <dt>{t('weather.humidity')}</dt>
          <dd>{format.percent(current.relative_humidity)}</dd>
        </div>
        <div className="facts__item">
          <dt>{t('weather.wind')}</dt>
          <dd data-testid="current-wind">
            {current.wind_direction !== null && <WindArrow degrees={current.wind_direction} />}
            {format.wind(current.wind_speed)}
            {direction && <span className="sr-only">{`, ${t('weather.windFrom', { direction })}`}</span>}
            {direction && <span aria-hidden="true"> {direction}</span>}
          </dd>
        </div>
        <div className="facts__item">
          <dt>{t('weather.precipitation')}</dt>
          <dd>{format.precipitation(current.precipitation)}</dd>
        </div>
      </dl>
      {children}
      <p className="current__time">
        <time dateTime={current.time ?? undefined}>
          {t('weather.observedAt', { time: formatLocalTime(current.time, locale) })}
        </time>{' '}
        {offset && <span className="muted">({offset})</span>}
      </p>
    </Card>
  );
}
