import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { Lang } from '@/lib/i18n/messages';
import type { SearchPage, UnitSystem } from '@/types/api';

/** The API's fixed page size. */
export const SEARCHES_PAGE_SIZE = 20;

/** How the listed searches are shown: the server words and converts them for these. */
export type SearchesView = { lang: Lang; units: UnitSystem };

export const getSearches = (
  page: number,
  city: string,
  view: SearchesView,
  signal?: AbortSignal,
): Promise<SearchPage> => api.get('/v1/searches/', { page, city, ...view }, signal);

export const searchesQuery = (page: number, city: string, view: SearchesView) =>
  queryOptions({
    queryKey: ['searches', 'list', { page, city, ...view }],
    queryFn: ({ signal }) => getSearches(page, city, view, signal),
    staleTime: 10_000,
  });

/** Keeps the current page on screen while the next one loads. */
export const useSearches = (page: number, city: string, view: SearchesView) =>
  useQuery({ ...searchesQuery(page, city, view), placeholderData: keepPreviousData });
