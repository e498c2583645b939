import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { UnitParams } from '@/lib/units';
import type { Lang } from '@/lib/i18n/messages';
import type { Search } from '@/types/api';

/** How a search is shown: the server words it in `lang` and converts each quantity to its unit. */
export type SearchView = { lang: Lang } & UnitParams;

export const getSearch = (id: string, view: SearchView, signal?: AbortSignal): Promise<Search> =>
  api.get(`/v1/searches/${id}/`, view, signal);

export const FIRST_POLL_DELAY_MS = 500;
export const MAX_POLL_DELAY_MS = 5_000;
/** About three minutes of polling before we tell the reader to come back later. */
export const MAX_POLLS = 40;

/** Delay before poll number `attempt` (0-based): 500 ms doubling up to 5 s. */
export const pollDelay = (attempt: number): number => Math.min(FIRST_POLL_DELAY_MS * 2 ** attempt, MAX_POLL_DELAY_MS);

/** Answers received so far, the first one (created or fetched) included. */
const answersSoFar = (state: { dataUpdateCount: number; errorUpdateCount: number }) =>
  state.dataUpdateCount + state.errorUpdateCount;

const isPending = (search: Search | undefined) => search?.processing.status === 'pending';

/**
 * One stored search, read (GET is safe: reading records nothing). The key holds every
 * parameter the request sends. While the worker is processing it, we poll; once it is
 * done the search never changes, so it never goes stale.
 */
export const searchQuery = (id: string, view: SearchView) =>
  queryOptions({
    queryKey: ['searches', id, view] as const,
    queryFn: ({ signal }) => getSearch(id, view, signal),
    // A pending search's last answer (the one creating it gave, too) holds until the first
    // poll is due: showing it does not ask again at once, in the task that draws it.
    staleTime: (query) => (isPending(query.state.data) ? FIRST_POLL_DELAY_MS : Infinity),
    refetchInterval: (query) => {
      if (!isPending(query.state.data)) return false;
      const polls = answersSoFar(query.state) - 1;
      return polls >= MAX_POLLS ? false : pollDelay(polls);
    },
  });

/** Reads nothing while `id` is null (the search is still being recorded). */
export function useStoredSearch(id: string | null, view: SearchView) {
  const queryClient = useQueryClient();
  const options = searchQuery(id ?? '', view);
  const query = useQuery({
    ...options,
    enabled: id !== null,
    // Switching language or units re-reads the same search; keep showing it meanwhile.
    placeholderData: (previous) => (previous?.id === id ? previous : undefined),
  });
  // Each poll re-renders us, so reading the query's counters here stays current.
  const state = queryClient.getQueryState(options.queryKey);
  const gaveUp = isPending(query.data) && state !== undefined && answersSoFar(state) - 1 >= MAX_POLLS;
  return { query, gaveUp };
}
