import { queryOptions, useQuery } from '@tanstack/react-query';
import type { UnitParams } from '@/lib/units';
import { api } from '@/lib/api-client';
import type { Lang } from '@/lib/i18n/messages';
import type { Overview, PlaceOverview } from '@/types/more-weather';

/** The API answers at most this many places per request. */
export const MAX_OVERVIEW_PLACES = 20;

export type OverviewView = { lang: Lang } & UnitParams;

/** Every place in ONE request: the API fetches those not in its cache in one upstream call. */
export async function getOverview(ids: number[], view: OverviewView, signal?: AbortSignal): Promise<PlaceOverview[]> {
  const answer = await api.get<Overview>('/v1/weather/overview/', { ids: ids.join(','), ...view }, signal);
  return answer.results;
}

export const overviewQuery = (ids: number[], view: OverviewView) =>
  queryOptions({
    queryKey: ['overview', ids, view],
    queryFn: ({ signal }) => getOverview(ids, view, signal),
    staleTime: 5 * 60_000,
  });

export const useOverview = (ids: number[], view: OverviewView) =>
  useQuery({ ...overviewQuery(ids, view), enabled: ids.length > 0 });
