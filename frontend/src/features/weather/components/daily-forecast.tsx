import { Card } from '@/components/ui/card';
import { formatDayLabel, formatLocalTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n/use-i18n';
import { useFormatters } from '@/lib/use-formatters';
import type { DailyPoint, Units } from '@/types/api';
import { weatherIconName } from '../utils/weather-icon-name';
import { WeatherIcon } from './weather-icon';
import '../weather.css';

type DailyForecastProps = { days: DailyPoint[]; today: string | null; units: Units };

export function DailyForecast({ days, today, units }: DailyForecastProps) {
  const { t, locale } = useI18n();
  const format = useFormatters(units);

  return (
    <Card title={t('weather.dailyTitle')}>
      {days.length === 0 ? (
        <p>{t('weather.noForecast')}</p>
      ) : (
        <ol className="daily" data-testid="daily-forecast">
          {days.map((day) => {
            return (
              <li key={day.date} className="daily__day">
                <p className="daily__date">
                  <time dateTime={day.date}>
                    {day.date === today ? t('weather.today') : formatDayLabel(day.date, locale)}
                  </time>
                </p>
                <WeatherIcon name={weatherIconName(day.weather_code)} size={40} />
                <p className="daily__description">{day.description}</p>
                <p className="daily__temps">
                  <span className="sr-only">{t('weather.max')} </span>
                  <span className="daily__max">{format.degrees(day.temperature_max)}</span>
                  <span aria-hidden="true"> / </span>
                  <span className="sr-only">{t('weather.min')} </span>
                  <span className="daily__min">{format.degrees(day.temperature_min)}</span>
                </p>
                <p className="daily__precip">
                  <span className="sr-only">{t('weather.precipitation')} </span>
                  {format.precipitation(day.precipitation_sum)} · {format.percent(day.precipitation_probability_max)}
                </p>
                <p className="daily__sun">
                  <span>
                    <span aria-hidden="true">↑ </span>
                    <span className="sr-only">{t('weather.sunrise')} </span>
                    {formatLocalTime(day.sunrise, locale)}
                  </span>{' '}
                  <span>
                    <span aria-hidden="true">↓ </span>
                    <span className="sr-only">{t('weather.sunset')} </span>
                    {formatLocalTime(day.sunset, locale)}
                  </span>
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
