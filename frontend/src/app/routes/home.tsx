import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLocation, useSearch } from 'wouter';
import { ErrorNotice } from '@/components/ui/error-notice';
import { FavouriteList } from '@/features/favourites/components/favourite-list';
import { FavouriteToggle } from '@/features/favourites/components/favourite-toggle';
import { LocationSearch, type SearchRequest } from '@/features/search/components/location-search';
import { useWeather, weatherQueryKey, type WeatherTarget } from '@/features/weather/api/get-weather';
import { WeatherReport } from '@/features/weather/components/weather-report';
import { WeatherSkeleton } from '@/features/weather/components/weather-skeleton';
import { cityHref, parseCityParams } from '@/lib/city-url';
import { useI18n } from '@/lib/i18n/use-i18n';
import { useDocumentTitle } from '@/lib/use-document-title';

function CityWeather({ target }: { target: WeatherTarget }) {
  const { lang } = useI18n();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const { data, error, isPending, refetch } = useWeather(target, lang);
  useDocumentTitle(data?.location.name ?? target.city);

  useEffect(() => {
    // Pin the URL to the place the API chose ("par" → Paris, id 2988507) so the link shares
    // that exact city; seed the cache first so this does not search again.
    if (!data || target.locationId === data.location.id) return;
    const pinned = { city: data.location.name, locationId: data.location.id };
    queryClient.setQueryData(weatherQueryKey(pinned), data);
    navigate(cityHref({ name: pinned.city, locationId: pinned.locationId }), { replace: true });
  }, [data, target.locationId, queryClient, navigate]);

  if (isPending) return <WeatherSkeleton />;
  if (error) {
    return (
      <>
        <h1 className="sr-only">{target.city}</h1>
        <ErrorNotice error={error} city={target.city} onRetry={() => void refetch()} />
      </>
    );
  }

  const { location } = data;
  const favourite = {
    locationId: location.id,
    name: location.name,
    admin1: location.admin1,
    country: location.country,
    countryCode: location.country_code,
  };
  return <WeatherReport search={data} actions={<FavouriteToggle city={favourite} />} />;
}

function Intro() {
  const { t } = useI18n();
  useDocumentTitle(null);
  return (
    <div className="intro">
      <h1>{t('app.title')}</h1>
      <p>{t('weather.intro')}</p>
    </div>
  );
}

export default function HomeRoute() {
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const target = parseCityParams(useSearch());

  function onSearch(request: SearchRequest) {
    const href = cityHref({ name: request.city, locationId: request.locationId });
    const same =
      target && target.city.toLowerCase() === request.city.toLowerCase() && target.locationId === request.locationId;
    if (same) {
      // Same URL: navigating would change nothing, so ask again explicitly.
      void queryClient.refetchQueries({ queryKey: weatherQueryKey(target) });
      return;
    }
    navigate(href);
  }

  return (
    <div className="home">
      <LocationSearch value={target?.city ?? ''} onSearch={onSearch} />
      <FavouriteList />
      {target ? <CityWeather key={`${target.city}|${target.locationId ?? ''}`} target={target} /> : <Intro />}
    </div>
  );
}
