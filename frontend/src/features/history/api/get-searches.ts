import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { Page, Search } from '@/types/api';

/** The API's fixed page size. */
export const SEARCHES_PAGE_SIZE = 20;

export const getSearches = (page: number, signal?: AbortSignal): Promise<Page<Search>> =>
  api.get('/v1/searches/', { page }, signal);

export const searchesQuery = (page: number) =>
  queryOptions({ queryKey: ['searches', page], queryFn: ({ signal }) => getSearches(page, signal), staleTime: 10_000 });

/** Keeps the current page on screen while the next one loads. */
export const useSearches = (page: number) => useQuery({ ...searchesQuery(page), placeholderData: keepPreviousData });
