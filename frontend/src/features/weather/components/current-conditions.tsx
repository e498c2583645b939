import { Card } from '@/components/ui/card';
import { WeatherIcon } from '@/components/ui/weather-icon';
import { formatLocalTime, utcOffsetLabel } from '@/lib/format';
import { localizeCompass } from '@/lib/i18n/messages';
import { useI18n } from '@/lib/i18n/use-i18n';
import { compassPoint } from '@/lib/units';
import { useFormatters } from '@/lib/use-formatters';
import { describeWeather } from '@/lib/wmo';
import type { CurrentConditions as Current } from '@/types/api';

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

export function CurrentConditions({ current }: { current: Current }) {
  const { t, lang, locale } = useI18n();
  const format = useFormatters();
  const weather = describeWeather(current.weather_code, lang, current.is_day);
  const description = weather.known ? weather.description : (current.description ?? weather.description);
  const offset = utcOffsetLabel(current.time);
  const direction =
    current.wind_direction === null ? null : localizeCompass(compassPoint(current.wind_direction), lang);

  return (
    <Card title={t('weather.current')} className="current">
      <div className="current__main">
        <WeatherIcon name={weather.icon} size={72} />
        <div>
          <p className="current__temperature" data-testid="current-temperature">
            {format.temperature(current.temperature)}
          </p>
          <p className="current__description">{description}</p>
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
      <p className="current__time">
        <time dateTime={current.time}>{t('weather.observedAt', { time: formatLocalTime(current.time, locale) })}</time>{' '}
        {offset && <span className="muted">({offset})</span>}
      </p>
    </Card>
  );
}
