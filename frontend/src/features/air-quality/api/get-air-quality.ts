import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { AirQuality } from '@/types/more-weather';

export const getAirQuality = (latitude: number, longitude: number, signal?: AbortSignal): Promise<AirQuality> =>
  api.get('/v1/air-quality/', { latitude, longitude }, signal);

/** The API caches it for an hour (the model runs every 12–24 h): so do we, for half of that. */
export const airQualityQuery = (latitude: number, longitude: number) =>
  queryOptions({
    queryKey: ['air-quality', latitude, longitude],
    queryFn: ({ signal }) => getAirQuality(latitude, longitude, signal),
    staleTime: 30 * 60_000,
  });

export const useAirQuality = (latitude: number, longitude: number) => useQuery(airQualityQuery(latitude, longitude));
