import { Card } from '@/components/ui/card';
import { useI18n } from '@/lib/i18n/use-i18n';
import { useFormatters } from '@/lib/use-formatters';
import type { Stats } from '@/types/api';
import '../stats.css';

type CityRange = Stats['temperature_by_city'][number];
type KnownRange = CityRange & { min: number; max: number };

const hasRange = (city: CityRange): city is KnownRange => city.min !== null && city.max !== null;

/** One shared scale for all cities so their ranges can be compared at a glance. */
export function TemperatureRanges({ cities, units }: { cities: CityRange[]; units: Stats['units'] }) {
  const { t } = useI18n();
  const format = useFormatters(units);
  const ranged = cities.filter(hasRange);
  const low = Math.min(...ranged.map((city) => city.min));
  const high = Math.max(...ranged.map((city) => city.max));
  const span = Math.max(high - low, 1);
  const percent = (value: number) => ((value - low) / span) * 100;

  return (
    <Card title={t('stats.temperatureRanges')}>
      <ul className="ranges" data-testid="temperature-ranges">
        {ranged.map((city) => (
          <li key={city.location_id} className="ranges__item">
            <span className="sr-only">
              {t('stats.rangeLabel', {
                city: city.country ? `${city.name}, ${city.country}` : city.name,
                min: format.temperature(city.min),
                avg: format.temperature(city.avg),
                max: format.temperature(city.max),
              })}
            </span>
            <span className="ranges__label" aria-hidden="true">
              {city.name}
              {city.country && <span className="muted">, {city.country}</span>}
            </span>
            <span className="ranges__track" aria-hidden="true">
              <span
                className="ranges__bar"
                style={{
                  left: `${percent(city.min)}%`,
                  width: `${Math.max(percent(city.max) - percent(city.min), 1)}%`,
                }}
              />
              {city.avg !== null && <span className="ranges__avg" style={{ left: `${percent(city.avg)}%` }} />}
            </span>
            <span className="ranges__values" aria-hidden="true">
              {format.temperature(city.min)} – {format.temperature(city.max)}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
