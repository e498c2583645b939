import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { UnitParams } from '@/lib/units';
import type { Lang } from '@/lib/i18n/messages';
import type { SearchPage } from '@/types/api';

/** How the listed searches are shown: the server words and converts them for these. */
export type SearchesView = { lang: Lang } & UnitParams;

/**
 * The history is paged by cursor (newest first, no total): a page's `next` and `previous`
 * links carry an opaque `cursor`; an empty cursor is the first page.
 */
export const getSearches = (
  cursor: string,
  city: string,
  view: SearchesView,
  signal?: AbortSignal,
): Promise<SearchPage> => api.get('/v1/searches/', { cursor, city, ...view }, signal);

/** The cursor of a `next` or `previous` link; '' for the first page, null for no link. */
export function cursorOf(link: string | null | undefined): string | null {
  if (!link) return null;
  return new URL(link, 'http://cursor.invalid').searchParams.get('cursor') ?? '';
}

export const searchesQuery = (cursor: string, city: string, view: SearchesView) =>
  queryOptions({
    queryKey: ['searches', 'list', { cursor, city, ...view }],
    queryFn: ({ signal }) => getSearches(cursor, city, view, signal),
    staleTime: 10_000,
  });

/** Keeps the current page on screen while the next one loads. */
export const useSearches = (cursor: string, city: string, view: SearchesView) =>
  useQuery({ ...searchesQuery(cursor, city, view), placeholderData: keepPreviousData });
