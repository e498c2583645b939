import { lazy, Suspense } from 'react';
import { LoadingRegion, Skeleton } from '@/components/ui/skeleton';
import { useI18n } from '@/lib/i18n/use-i18n';
import type { WeatherBody } from '@/types/more-weather';

const MoreWeatherCards = lazy(() => import('./more-weather-cards'));

/** The report's extra cards, lazily: the first page's JavaScript stays small. */
export function MoreWeather({ search }: { search: WeatherBody }) {
  const { t } = useI18n();
  return (
    <Suspense
      fallback={
        <LoadingRegion label={t('more.loading')}>
          <Skeleton height="14rem" className="report__more-placeholder" />
        </LoadingRegion>
      }
    >
      <MoreWeatherCards search={search} />
    </Suspense>
  );
}
