import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { Lang } from '@/lib/i18n/messages';
import type { Search } from '@/types/api';

/** What the reader asked for: free text, or a candidate picked from the suggestions. */
export type WeatherTarget = { city: string; locationId: number | null };

// Always metric: unit conversion happens on the client.
export const getWeather = (target: WeatherTarget, lang: Lang, signal?: AbortSignal): Promise<Search> =>
  api.get('/v1/weather/', { city: target.city, location_id: target.locationId, lang, units: 'metric' }, signal);

/**
 * Each GET records a search, so results never go stale on their own and are not retried:
 * the reader asks again explicitly. Language is left out of the key because we word
 * weather codes ourselves.
 */
export const weatherQueryKey = (target: WeatherTarget) =>
  ['weather', target.city.toLowerCase(), target.locationId] as const;

export const weatherQuery = (target: WeatherTarget, lang: Lang) =>
  queryOptions({
    queryKey: weatherQueryKey(target),
    queryFn: ({ signal }) => getWeather(target, lang, signal),
    staleTime: Infinity,
    retry: false,
  });

export const useWeather = (target: WeatherTarget, lang: Lang) => useQuery(weatherQuery(target, lang));
