import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { Search, SearchRequest } from '@/types/api';
import { searchQuery, type SearchView } from './get-search';

/** What a new search sends: where, and the view (language and units) to answer it in. */
export type NewSearch = Omit<SearchRequest, 'units' | 'lang'> & SearchView;

/** Records a search and starts its processing: the one request that creates something. */
export const createSearch = (request: NewSearch): Promise<Search> => api.post('/v1/searches/', request);

/**
 * Creating a search answers it in full, so the answer seeds the cache under the key a
 * reader of the same search, language and units uses: showing it asks nothing more.
 */
export function useCreateSearch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSearch,
    onSuccess: (search, request) => {
      const { lang, temperature_unit, wind_unit, precipitation_unit } = request;
      const { queryKey } = searchQuery(search.id, { lang, temperature_unit, wind_unit, precipitation_unit });
      queryClient.setQueryData(queryKey, search);
    },
  });
}
