import { memo, useCallback, useDeferredValue, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { ErrorNotice } from '@/components/ui/error-notice';
import { MoreWeather } from '../more-weather';
import { ForecastAge } from '@/features/app-install/forecast-age';
import { lastForecastOf, rememberLastForecast } from '@/features/app-install/last-forecasts';
import { FavouriteList } from '@/features/favourites/components/favourite-list';
import { FavouriteToggle } from '@/features/favourites/components/favourite-toggle';
import { unitParams, usePreferences } from '@/features/preferences/preferences';
import { UseMyLocation } from '@/features/locate/components/use-my-location';
import { LocationSearch, type SearchRequest } from '@/features/search/components/location-search';
import { newSearchRequest, useCreateSearch } from '@/features/weather/api/create-search';
import { useStoredSearch } from '@/features/weather/api/get-search';
import { WeatherReport } from '@/features/weather/components/weather-report';
import { WeatherSkeleton } from '@/features/weather/components/weather-skeleton';
import { ApiError, NetworkError } from '@/lib/api-client';
import { cityHref, parseCityParams, type CityParams } from '@/lib/city-url';
import { useI18n } from '@/lib/i18n/use-i18n';
import { useDocumentTitle } from '@/lib/use-document-title';
import type { Search } from '@/types/api';

/** The language and units the reader asked for: every weather request sends them. */
function useWeatherView() {
  const { lang } = useI18n();
  return { lang, ...unitParams(usePreferences().preferences) };
}

function CityError({ city, error, onRetry }: { city: string; error: unknown; onRetry: () => void }) {
  return (
    <>
      <h1 className="sr-only">{city}</h1>
      <ErrorNotice error={error} city={city} onRetry={onRetry} />
    </>
  );
}

/**
 * A city without a stored search (a typed search, a shared or favourite link) records one
 * search, then names it in the URL in place, so reload, Back and sharing only read it.
 * Nothing happens once the URL names a search.
 */
function useNewSearch(target: CityParams, onCreated: (search: Search) => void) {
  const view = useWeatherView();
  const [, navigate] = useLocation();
  const { mutate, error } = useCreateSearch();
  const unsaved = target.searchId === null;

  const create = useCallback(() => {
    mutate(newSearchRequest(target, view), { onSuccess: onCreated });
  }, [mutate, onCreated, target, view]);

  // Exactly once per visit of this URL: a ref survives StrictMode's second effect run.
  const started = useRef(false);
  useEffect(() => {
    if (started.current || !unsaved) return;
    started.current = true;
    create();
  }, [create, unsaved]);

  // Offline: the last forecast read for this place, which the service worker kept.
  const offlineCopy = unsaved && error instanceof NetworkError ? lastForecastOf(target.locationId) : null;
  useEffect(() => {
    if (!offlineCopy) return;
    navigate(cityHref({ name: target.city, locationId: target.locationId, searchId: offlineCopy }), { replace: true });
  }, [navigate, offlineCopy, target.city, target.locationId]);

  return { error: unsaved && !offlineCopy ? error : null, retry: create };
}

/**
 * A city's forecast: a stored search read in the reader's language and units (reading
 * records nothing), after recording one when the URL names none. One component for both,
 * so the skeleton shown while the search is recorded stays while it is read.
 */
function CityForecast({ target, onCreated }: { target: CityParams; onCreated: (search: Search) => void }) {
  const view = useWeatherView();
  const [, navigate] = useLocation();
  const creation = useNewSearch(target, onCreated);
  const { query, gaveUp } = useStoredSearch(target.searchId, view);
  const { data, error, isPending, refetch } = query;
  useDocumentTitle(data?.location.name ?? target.city);

  const gone = error instanceof ApiError && error.status === 404;
  const placeId = data?.location.id;
  const shownId = data?.id;
  useEffect(() => {
    if (placeId !== undefined && shownId) rememberLastForecast(placeId, shownId);
  }, [placeId, shownId]);
  useEffect(() => {
    // An old link whose search was pruned: search the city anew instead of failing.
    if (gone) navigate(cityHref({ name: target.city, locationId: target.locationId }), { replace: true });
  }, [gone, navigate, target.city, target.locationId]);

  // The query's answers reach React as store updates, which it renders in one task at once:
  // the report is drawn instead from a deferred copy, in a background render React slices
  // into short tasks (the skeleton stays until it is ready).
  const report = useDeferredValue(data ?? null, null);

  if (creation.error) return <CityError city={target.city} error={creation.error} onRetry={creation.retry} />;
  if (error && !gone) return <CityError city={target.city} error={error} onRetry={() => void refetch()} />;
  if (isPending || gone || !report) return <ForecastSkeleton />;
  return <StoredReport search={report} gaveUp={gaveUp} />;
}

/** Memoised, so the urgent render of an answer skips it and leaves it to the deferred one. */
const StoredReport = memo(function StoredReport({ search, gaveUp }: { search: Search; gaveUp: boolean }) {
  const { location } = search;
  const favourite = {
    locationId: location.id,
    name: location.name,
    admin1: location.admin1,
    country: location.country,
    countryCode: location.country_code,
  };
  return (
    <>
      <ForecastAge updatedAt={search.created_at} />
      <WeatherReport
        search={search}
        analysisGaveUp={gaveUp}
        actions={<FavouriteToggle city={favourite} />}
        more={<MoreWeather search={search} />}
      />
    </>
  );
});

// The page's parts that do not change with its URL, memoised: the URL switch after a new
// search is a synchronous render (the router's store), which then draws only the forecast.
const SearchBox = memo(LocationSearch);
const LocateButton = memo(UseMyLocation);
const Favourites = memo(FavouriteList);
const ForecastSkeleton = memo(WeatherSkeleton);

/** The latest `handler` behind one function that never changes, so memoised children keep it. */
function useStableHandler<Args extends unknown[]>(handler: (...args: Args) => void): (...args: Args) => void {
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  return useCallback((...args: Args) => latest.current(...args), []);
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
  const target = parseCityParams(useSearch());
  // Bumped to search again for the very URL already shown, where navigating changes nothing.
  const [retries, setRetries] = useState(0);
  // The search this page just recorded, and the forecast that recorded it: once the URL
  // names that search, the same forecast goes on showing it instead of being drawn anew.
  const [created, setCreated] = useState<{ searchId: string; key: string } | null>(null);

  const onSearch = useStableHandler((request: SearchRequest) => {
    const href = cityHref({ name: request.city, locationId: request.locationId });
    const sameUnsaved =
      target &&
      target.searchId === null &&
      target.city.toLowerCase() === request.city.toLowerCase() &&
      target.locationId === request.locationId;
    if (sameUnsaved) setRetries((count) => count + 1);
    else navigate(href);
  });

  let content = <Intro />;
  if (target) {
    // The last search recorded is in the key too: opening the same unsaved URL again later
    // is a new visit, which records a new search.
    const unsavedKey = `new-${target.city}|${target.locationId ?? ''}|${retries}|${created?.searchId ?? ''}`;
    let key = target.searchId ? `search-${target.searchId}` : unsavedKey;
    if (target.searchId && target.searchId === created?.searchId) key = created.key;
    const onCreated = (search: Search) => {
      // The URL switch is a synchronous render (the router's store): in a task of its own,
      // not in the one that received the answer (or drew the first page, when the answer
      // sent before it was already there), so a slow phone is never held long by both.
      const recordedFrom = window.location.href;
      setTimeout(() => {
        // The reader went elsewhere meanwhile: that page stays.
        if (window.location.href !== recordedFrom) return;
        setCreated({ searchId: search.id, key: unsavedKey });
        // Pinned to the place the API chose ("par" → Paris, id 2988507).
        const pinned = { name: search.location.name, locationId: search.location.id, searchId: search.id };
        navigate(cityHref(pinned), { replace: true });
      });
    };
    content = <CityForecast key={key} target={target} onCreated={onCreated} />;
  }

  return (
    <div className="home">
      <SearchBox value={target?.city ?? ''} onSearch={onSearch} />
      <LocateButton />
      <Favourites />
      {content}
    </div>
  );
}
