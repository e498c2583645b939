import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { Page, Search } from '@/types/api';

/** The API's fixed page size. */
export const SEARCHES_PAGE_SIZE = 20;

export const getSearches = (page: number, city = '', signal?: AbortSignal): Promise<Page<Search>> =>
  api.get('/v1/searches/', { page, city }, signal);

export const searchesQuery = (page: number, city = '') =>
  queryOptions({
    queryKey: ['searches', page, city],
    queryFn: ({ signal }) => getSearches(page, city, signal),
    staleTime: 10_000,
  });

/** Keeps the current page on screen while the next one loads. */
export const useSearches = (page: number, city = '') =>
  useQuery({ ...searchesQuery(page, city), placeholderData: keepPreviousData });
