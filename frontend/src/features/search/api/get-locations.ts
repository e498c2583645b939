import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { Lang } from '@/lib/i18n/messages';
import type { Location } from '@/types/api';

/** The API refuses shorter queries, so we do not ask. */
export const MIN_QUERY_LENGTH = 2;

export const getLocations = (q: string, lang: Lang, signal?: AbortSignal): Promise<{ results: Location[] }> =>
  api.get('/v1/locations/', { q, lang }, signal);

export const locationsQuery = (q: string, lang: Lang) =>
  queryOptions({
    queryKey: ['locations', q.toLowerCase(), lang],
    queryFn: ({ signal }) => getLocations(q, lang, signal),
    staleTime: 5 * 60_000,
    retry: false,
  });

export const useLocations = (q: string, lang: Lang, enabled: boolean) =>
  useQuery({ ...locationsQuery(q, lang), enabled: enabled && q.length >= MIN_QUERY_LENGTH });
