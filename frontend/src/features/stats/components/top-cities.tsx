import { Card } from '@/components/ui/card';
import { useI18n } from '@/lib/i18n/use-i18n';
import type { Stats } from '@/types/api';
import '../stats.css';

export function TopCities({ cities }: { cities: Stats['top_cities'] }) {
  const { t, tp } = useI18n();
  const max = Math.max(1, ...cities.map((city) => city.searches));
  return (
    <Card title={t('stats.topCities')}>
      <ol className="bars" data-testid="top-cities">
        {cities.map((city) => (
          <li key={city.location_id} className="bars__item">
            <span className="bars__label">
              {city.name}
              {city.country && <span className="muted">, {city.country}</span>}
            </span>
            <span className="bars__value">{tp('stats.searches', city.searches)}</span>
            <span className="bars__track" aria-hidden="true">
              <span className="bars__fill" style={{ width: `${(city.searches / max) * 100}%` }} />
            </span>
          </li>
        ))}
      </ol>
    </Card>
  );
}
