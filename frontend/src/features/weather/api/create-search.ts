import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { CityParams } from '@/lib/city-url';
import type { Search, SearchRequest } from '@/types/api';
import { searchQuery, type SearchView } from './get-search';

/** What a new search sends: where, and the view (language and units) to answer it in. */
export type NewSearch = Omit<SearchRequest, 'units' | 'lang'> & SearchView;

/** Records a search and starts its processing: the one request that creates something. */
export const createSearch = (request: NewSearch): Promise<Search> => api.post('/v1/searches/', request);

/** The search a city's URL asks for, answered in the reader's view. */
export const newSearchRequest = (target: CityParams, view: SearchView): NewSearch => ({
  city: target.city || undefined,
  location_id: target.locationId ?? undefined,
  ...view,
});

// A search sent before the app's first render (app/early-requests.ts), kept for the page that
// asks for the same one: it takes this answer instead of sending the search a second time.
let early: { request: string; answer: Promise<Search> } | null = null;

export function createSearchEarly(request: NewSearch): void {
  const answer = createSearch(request);
  // Its failure is shown by the page that claims it, not reported as unhandled here.
  answer.catch(() => undefined);
  early = { request: JSON.stringify(request), answer };
}

/** The early answer to this very request, once: a retry sends the search again. */
function claimEarlySearch(request: NewSearch): Promise<Search> | null {
  if (early?.request !== JSON.stringify(request)) return null;
  const { answer } = early;
  early = null;
  return answer;
}

/**
 * Creating a search answers it in full, so the answer seeds the cache under the key a
 * reader of the same search, language and units uses: showing it asks nothing more.
 */
export function useCreateSearch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: NewSearch) => claimEarlySearch(request) ?? createSearch(request),
    onSuccess: (search, request) => {
      const { lang, temperature_unit, wind_unit, precipitation_unit } = request;
      const { queryKey } = searchQuery(search.id, { lang, temperature_unit, wind_unit, precipitation_unit });
      queryClient.setQueryData(queryKey, search);
    },
  });
}
