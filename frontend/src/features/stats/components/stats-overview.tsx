import { Card } from '@/components/ui/card';
import { ErrorNotice } from '@/components/ui/error-notice';
import { LoadingRegion, Skeleton } from '@/components/ui/skeleton';
import { useI18n } from '@/lib/i18n/use-i18n';
import type { UnitSystem } from '@/types/api';
import { useStats, type StatsPeriod } from '../api/get-stats';
import { SearchesPerDayChart } from './searches-per-day-chart';
import { TemperatureRanges } from './temperature-ranges';
import { TopCities } from './top-cities';
import '../stats.css';

export function StatsOverview({ days, units }: { days: StatsPeriod; units: UnitSystem }) {
  const { t } = useI18n();
  const { data, error, isPending, refetch } = useStats(days, units);

  if (isPending) {
    return (
      <LoadingRegion label={t('common.loading')}>
        <div className="stats-grid">
          <Skeleton height="6rem" />
          <Skeleton height="12rem" />
          <Skeleton height="12rem" />
        </div>
      </LoadingRegion>
    );
  }
  if (error) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (data.total_searches === 0) return <p>{t('stats.empty')}</p>;

  return (
    <div className="stats-grid">
      <Card title={t('stats.total')} className="stat-total">
        <p className="stat-total__value" data-testid="total-searches">
          {data.total_searches}
        </p>
      </Card>
      <TopCities cities={data.top_cities} />
      <SearchesPerDayChart days={data.searches_per_day} period={days} />
      <TemperatureRanges cities={data.temperature_by_city} units={data.units} />
    </div>
  );
}
