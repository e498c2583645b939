import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { Stats, UnitSystem } from '@/types/api';

export const STATS_PERIODS = [7, 30, 90] as const;
export type StatsPeriod = (typeof STATS_PERIODS)[number];

export const getStats = (days: StatsPeriod, units: UnitSystem, signal?: AbortSignal): Promise<Stats> =>
  api.get('/v1/stats/', { days, units }, signal);

export const statsQuery = (days: StatsPeriod, units: UnitSystem) =>
  queryOptions({
    queryKey: ['stats', { days, units }],
    queryFn: ({ signal }) => getStats(days, units, signal),
    staleTime: 30_000,
  });

export const useStats = (days: StatsPeriod, units: UnitSystem) => useQuery(statsQuery(days, units));
