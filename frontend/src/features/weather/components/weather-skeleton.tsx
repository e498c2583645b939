import { LoadingRegion, Skeleton } from '@/components/ui/skeleton';
import { useI18n } from '@/lib/i18n/use-i18n';
import { useWarmFormatters } from '@/lib/use-formatters';
import '../weather.css';

/** Placeholder with the report's rough shape while the forecast loads. */
export function WeatherSkeleton() {
  const { t } = useI18n();
  useWarmFormatters();
  return (
    <LoadingRegion label={t('common.loading')}>
      <div className="report" data-testid="weather-skeleton">
        <Skeleton width="12rem" height="2.2rem" />
        <Skeleton width="9rem" />
        <div className="report__grid">
          <div className="card">
            <Skeleton width="8rem" height="3.5rem" />
            <Skeleton />
            <Skeleton width="70%" />
          </div>
          <div className="card">
            <Skeleton width="60%" />
            <Skeleton width="80%" />
          </div>
        </div>
        <div className="card">
          <Skeleton height="12rem" />
        </div>
        <div className="card">
          <Skeleton height="8rem" />
        </div>
      </div>
    </LoadingRegion>
  );
}
