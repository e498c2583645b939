import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { Search } from '@/types/api';

export const getSearch = (id: number, signal?: AbortSignal): Promise<Search> =>
  api.get(`/v1/searches/${id}/`, undefined, signal);

export const FIRST_POLL_DELAY_MS = 500;
export const MAX_POLL_DELAY_MS = 5_000;
/** About three minutes of polling before we tell the reader to come back later. */
export const MAX_POLLS = 40;

/** Delay before poll number `attempt` (0-based): 500 ms doubling up to 5 s. */
export const pollDelay = (attempt: number): number => Math.min(FIRST_POLL_DELAY_MS * 2 ** attempt, MAX_POLL_DELAY_MS);

/**
 * Follows a search until the worker has processed it (or failed). Starts from the search
 * we already have, so the first request waits for the first delay.
 */
export const searchQueryKey = (id: number) => ['search', id] as const;

export function useSearchProcessing(search: Search) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: searchQueryKey(search.id),
    queryFn: ({ signal }) => getSearch(search.id, signal),
    initialData: search,
    initialDataUpdatedAt: () => Date.now(),
    staleTime: Infinity,
    refetchInterval: (current) => {
      if (current.state.data?.processing.status !== 'pending') return false;
      // initialData does not count as an update, so this is the number of polls made.
      const polls = current.state.dataUpdateCount + current.state.errorUpdateCount;
      return polls >= MAX_POLLS ? false : pollDelay(polls);
    },
  });
  // Each poll re-renders us, so reading the query's counters here stays current.
  const state = queryClient.getQueryState(searchQueryKey(search.id));
  const polls = (state?.dataUpdateCount ?? 0) + (state?.errorUpdateCount ?? 0);
  const processing = query.data.processing;
  return { processing, gaveUp: processing.status === 'pending' && polls >= MAX_POLLS };
}
