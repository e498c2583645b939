import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { Search, SearchRequest } from '@/types/api';
import { searchQuery } from './get-search';

/** Records a search and starts its processing: the one request that creates something. */
export const createSearch = (request: SearchRequest): Promise<Search> => api.post('/v1/searches/', request);

/**
 * Creating a search answers it in full, so the answer seeds the cache under the key a
 * reader of the same search, language and units uses: showing it asks nothing more.
 */
export function useCreateSearch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSearch,
    onSuccess: (search) => {
      const { queryKey } = searchQuery(search.id, { lang: search.lang, units: search.unit_system });
      queryClient.setQueryData(queryKey, search);
    },
  });
}
