import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { Stats } from '@/types/api';

export const STATS_PERIODS = [7, 30, 90] as const;
export type StatsPeriod = (typeof STATS_PERIODS)[number];

export const getStats = (days: StatsPeriod, signal?: AbortSignal): Promise<Stats> =>
  api.get('/v1/stats/', { days }, signal);

export const statsQuery = (days: StatsPeriod) =>
  queryOptions({ queryKey: ['stats', days], queryFn: ({ signal }) => getStats(days, signal), staleTime: 30_000 });

export const useStats = (days: StatsPeriod) => useQuery(statsQuery(days));
